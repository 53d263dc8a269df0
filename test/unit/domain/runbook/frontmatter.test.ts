// The frontmatter alone: what it yields, and the file line of each problem
// (the YAML parser counts from the first YAML line; the file has --- above it).
import { describe, expect, it } from 'vitest';
import {
  readFrontmatter,
  warnIfNoFrontmatter,
} from '../../../../src/domain/runbook/frontmatter.js';
import { ProblemCollector } from '../../../../src/domain/runbook/problems.js';
import { briefly, FILE } from '../../../helpers/runbook-text.js';

function read(text: string) {
  const out = new ProblemCollector(FILE);
  const lines = text.split('\n');
  const fm = readFrontmatter(lines, out);
  warnIfNoFrontmatter(fm, lines, out);
  return { fm, problems: briefly(out) };
}

describe('frontmatter', () => {
  it('reads the keys, a single name as a list, severity in any case', () => {
    const { fm, problems } = read(
      '---\nid: web-down\ntitle: Web down\nservices: web\nalerts: [A, B]\nseverity: sev2\ncontacts: [alice]\n---\n# x',
    );
    expect(problems).toEqual([]);
    expect(fm).toEqual({
      present: true,
      lines: 8,
      data: {
        id: 'web-down',
        title: 'Web down',
        services: ['web'],
        alerts: ['A', 'B'],
        severity: 'SEV2',
        contacts: ['alice'],
      },
    });
  });

  it('is absent without a --- first line, and says the file is walked as plain Markdown', () => {
    const { fm, problems } = read('# Title\n\n## Step');
    expect(fm).toEqual({ data: {}, present: false, lines: 0 });
    expect(problems).toEqual([
      '1 warning: no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
    ]);
  });

  it('reports an unclosed frontmatter once, as an error and not also as missing', () => {
    expect(read('---\nid: x\n# Title').problems).toEqual([
      '1 error: frontmatter starts with --- but has no closing --- line; add one after the last key',
    ]);
  });

  it('puts a YAML error on its file line', () => {
    const { fm, problems } = read('---\nid: x\ntitle: [unclosed\n---\n');
    expect(fm.present).toBe(true);
    expect(fm.data).toEqual({});
    // The reason is yaml's own words; the line (3, not YAML's 2) and the prefix are ours.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^3 error: frontmatter is not valid YAML: \S/);
  });

  it('refuses a frontmatter that is not key: value lines', () => {
    expect(read('---\n- a\n- b\n---\n').problems).toEqual([
      '2 error: frontmatter must be key: value lines (id, title, services, alerts, severity, contacts)',
    ]);
  });

  it('warns at an unknown key and keeps the good keys beside a bad one', () => {
    const { fm, problems } = read('---\nid: kept\nowner: bob\nseverity: SEV9\n---\n');
    expect(fm.data).toEqual({ id: 'kept' });
    expect(problems).toEqual([
      '3 warning: unknown frontmatter key "owner" is ignored (known: id, title, services, alerts, severity, contacts)',
      '4 error: frontmatter severity: use SEV1, SEV2, SEV3 or SEV4',
    ]);
  });

  it('points at the key line of a bad block value, not the value', () => {
    const { problems } = read('---\nid: x\nservices:\n  - ""\n---\n');
    expect(problems).toEqual([
      '3 error: frontmatter services: a name or a list of names, e.g. [web, api]',
    ]);
  });
});
