// Discovery: config folders first, then the bundled examples; by id, file
// name or path; matching by alert (frontmatter or file name) and service.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../../src/domain/config/schema.js';
import { UsageError } from '../../../../src/errors.js';
import { resolveConfig } from '../../../../src/infra/config/read.js';
import {
  bundledRunbookDir,
  findRunbook,
  listRunbooks,
  matchRunbooks,
} from '../../../../src/infra/runbooks/find.js';

function configWith(dirs: string[]): ResolvedConfig {
  return { ...resolveConfig([]), runbookDirs: dirs };
}

function teamFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-find-'));
  const runbooks = join(dir, 'runbooks');
  mkdirSync(runbooks);
  writeFileSync(
    join(runbooks, 'payments.md'),
    '---\nid: payments-down\ntitle: Payments failing\nservices: [payments]\nalerts: [PaymentErrors]\n---\n## Look\nCheck the provider status page.\n',
  );
  // Same id as a bundled example: the team's version wins.
  writeFileSync(
    join(runbooks, 'latency.md'),
    '---\nid: api-latency\ntitle: Our API latency runbook\nservices: [api]\n---\n## Look\nGraphs.\n',
  );
  writeFileSync(join(runbooks, 'README.md'), '# How we write runbooks\n');
  return runbooks;
}

describe('discovery', () => {
  it('finds the bundled examples with zero config', () => {
    expect(bundledRunbookDir()).toMatch(/examples[/\\]runbooks$/);
    const entries = listRunbooks(configWith([]));
    expect(entries.map((e) => e.id)).toEqual([
      'api-latency',
      'disk-full',
      'site-down-after-deploy',
    ]);
    expect(entries.every((e) => e.source === 'bundled')).toBe(true);
    expect(entries.find((e) => e.id === 'site-down-after-deploy')).toMatchObject({
      services: ['web'],
      alerts: ['HighErrorRate', 'SiteDown', 'HealthCheckFailing'],
    });
  });

  it('lists config folders first, lets them shadow an example, skips README and missing folders', () => {
    const dir = teamFolder();
    const entries = listRunbooks(configWith([join(dir, 'nope'), dir]));
    expect(entries.map((e) => `${e.source} ${e.id}`)).toEqual([
      'config api-latency',
      'config payments-down',
      'bundled disk-full',
      'bundled site-down-after-deploy',
    ]);
    expect(entries[0]?.title).toBe('Our API latency runbook');
  });
});

describe('findRunbook', () => {
  const dir = teamFolder();
  const config = configWith([dir]);

  it('finds by id, by file name, and by path', () => {
    expect(findRunbook(config, 'payments-down').title).toBe('Payments failing');
    expect(findRunbook(config, 'payments').id).toBe('payments-down');
    expect(findRunbook(config, 'DISK-FULL.md').id).toBe('disk-full');
    expect(findRunbook(config, './payments.md', dir).id).toBe('payments-down');
    expect(findRunbook(config, join(dir, 'latency.md')).title).toBe('Our API latency runbook');
  });

  it('names the closest id and the known ones when nothing matches', () => {
    expect(() => findRunbook(config, 'disk')).toThrow(UsageError);
    expect(() => findRunbook(config, 'disk')).toThrow(
      /no runbook "disk"\. Did you mean "disk-full"\? Known: api-latency, payments-down, disk-full/,
    );
    expect(() => findRunbook(config, 'site-dwn-after-deploy')).toThrow(
      /Did you mean "site-down-after-deploy"/,
    );
    expect(() => findRunbook(config, './missing.md', dir)).toThrow(
      /missing\.md: no such runbook file/,
    );
  });
});

describe('matchRunbooks', () => {
  const config = configWith([teamFolder()]);
  const ids = (q: { service?: string; alert?: string }) =>
    matchRunbooks(config, q).map((e) => e.id);

  it('matches an alert by frontmatter, case-insensitively', () => {
    expect(ids({ alert: 'sitedown' })).toEqual(['site-down-after-deploy']);
    expect(ids({ alert: 'PaymentErrors' })).toEqual(['payments-down']);
  });

  it('matches an alert by file name', () => {
    expect(ids({ alert: 'DiskFull' })).toEqual(['disk-full']);
    expect(ids({ alert: 'disk-full' })).toEqual(['disk-full']);
  });

  it('matches a service, alert matches first', () => {
    expect(ids({ service: 'API' })).toEqual(['api-latency']);
    expect(ids({ service: 'web', alert: 'DiskFull' })).toEqual([
      'disk-full',
      'site-down-after-deploy',
    ]);
    expect(ids({ service: 'nothing' })).toEqual([]);
  });
});
