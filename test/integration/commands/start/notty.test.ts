// Dry runs and the no-terminal paths: they print, never hang, never execute.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, type Result, readEvents, sandbox } from '../../../helpers/in-process.js';
import { noIncidents, ofType, withWalkRunbooks } from '../../../helpers/walk-runbooks.js';

const walkSandbox = () => withWalkRunbooks(sandbox({ ONCALL_ACTOR: 'alice@host' }));

/** Runs oncall in a fresh walk sandbox: a usage error (exit 2) that created no incident. */
async function refused(args: string[]): Promise<Result> {
  const box = walkSandbox();
  const r = await oncall(box, args);
  expect(r.code).toBe(2);
  expect(noIncidents(box)).toBe(true);
  return r;
}

describe('--dry-run', () => {
  for (const args of [
    ['start', 'walk-fixture', '--dry-run'],
    ['drill', 'walk-fixture', '--dry-run'],
  ]) {
    it(`oncall ${args.join(' ')} prints every step and executes nothing`, async () => {
      const box = walkSandbox();
      const r = await oncall(box, args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const title of [
        'Look at the error graph',
        'Check the health endpoint',
        'Roll back',
        'Wait it out',
        'Verify the fix',
      ]) {
        expect(r.stdout).toContain(title);
      }
      expect(r.stdout).toContain('8 steps');
      // An unknown variable is shown as a placeholder, never run.
      expect(r.stdout).toContain('rolled-back-{{version}}.txt');
      expect(r.stdout).toContain('→ Roll back now: go to rollback');
      expect(r.stdout).toMatch(/process\.argv\[1\] \+ ': 0\.1%'\)" (checkout|\{\{service\}\})$/m);
      expect(existsSync(join(box.cwd, 'rolled-back-{{version}}.txt'))).toBe(false);
      expect(readdirSync(box.cwd).filter((f) => f.startsWith('rolled-back'))).toEqual([]);
      expect(noIncidents(box)).toBe(true);
    });
  }

  it('fills in what the flags already say', async () => {
    const box = walkSandbox();
    const r = await oncall(box, [
      'start',
      '--alert',
      'CheckoutErrors',
      '--dry-run',
      '--service',
      'cart',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Checkout errors after a deploy (test fixture)');
    expect(r.stdout).toMatch(/process\.argv\[1\] \+ ': 0\.1%'\)" cart$/m);
    expect(noIncidents(box)).toBe(true);
  });
});

describe('without a terminal', () => {
  it('start attaches the runbook and says how to walk it later', async () => {
    const box = walkSandbox();
    const r = await oncall(box, [
      'start',
      'walk-fixture',
      '--title',
      'Checkout down',
      '--no-input',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No terminal: walk later with `oncall resume` in a terminal');
    const events = readEvents(box);
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'runbook.attached']);
    // Frontmatter supplied service and severity.
    expect(events[0]).toMatchObject({ severity: 'SEV2', service: 'checkout' });
    expect(ofType(events, 'runbook.attached')[0]).toMatchObject({
      runbook: { id: 'walk-fixture' },
    });

    const resumed = await oncall(box, ['resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('no terminal to walk on');
  });

  it('--no-walk attaches the runbook and says how to walk it', async () => {
    const box = walkSandbox();
    const r = await oncall(box, [
      'start',
      'walk-fixture',
      '--title',
      'x',
      '--no-input',
      '--no-walk',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Walk it when ready: `oncall resume`');
    expect(readEvents(box).map((e) => e.type)).toEqual(['incident.opened', 'runbook.attached']);
  });

  it('--dry-run without a runbook says how to name one', async () => {
    const r = await refused(['start', '--dry-run', '--title', 'x', '--no-input']);
    expect(r.stderr).toContain('--dry-run needs a runbook');
  });

  it('several matching runbooks: fails naming --runbook, creates nothing', async () => {
    const r = await refused([
      'start',
      '--service',
      'shared',
      '--title',
      'x',
      '--sev',
      'SEV3',
      '--no-input',
    ]);
    expect(r.stderr).toMatch(/2 runbooks match \(.*\); pick one with --runbook <id>/);
  });

  it('an unknown runbook is a one-line usage error', async () => {
    const r = await refused(['start', 'walk-fixtur', '--title', 'x', '--no-input']);
    expect(r.stderr).toContain('Did you mean "walk-fixture"?');
  });

  it('a drill needs a terminal unless it is a dry run', async () => {
    const r = await refused(['drill', 'walk-fixture']);
    expect(r.stderr).toContain('--dry-run');
  });

  it('resume without a runbook says what to do instead', async () => {
    const box = walkSandbox();
    expect(
      (
        await oncall(box, [
          'start',
          '--title',
          'x',
          '--sev',
          'SEV3',
          '--no-input',
          '--runbook',
          'none',
        ])
      ).code,
    ).toBe(0);
    const r = await oncall(box, ['resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no runbook to resume');
  });
});
