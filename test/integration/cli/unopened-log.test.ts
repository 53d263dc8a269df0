// A log whose incident.opened line is damaged, deleted or another incident's
// is a bad file: every reading command refuses it with one line (file:line,
// why, the fix) and exit 2, as README's exit codes say; `use` does not make it
// the active one; a note or a run into it is kept and warned of in one line.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, readEvents, terminal, wordsIncident } from '../../helpers/in-process.js';

/** The ways a log loses its opening event, each as what the file holds after it. */
const DAMAGES: [string, (lines: string[]) => string[], RegExp][] = [
  ['line 1 not JSON', ([first, ...rest]) => [`${first}}`, ...rest], /:1: not valid JSON/],
  [
    'line 1 not an event',
    ([first, ...rest]) => [
      (first ?? '').replace('"severity":"SEV2"', '"severity":"SEV9"'),
      ...rest,
    ],
    /:1: severity: /,
  ],
  ['line 1 deleted', ([, ...rest]) => rest, /:1: a note event, not incident\.opened/],
  [
    "another incident's log",
    (lines) =>
      lines.map((l) => l.replace(/"incident":"[^"]+"/, '"incident":"2026-01-01-0000-other"')),
    /:1: an event of incident 2026-01-01-0000-other, not .*put it back in that incident's folder/,
  ],
  ['emptied', () => [], /events\.jsonl: empty, .*Fix: start a new incident/],
];

const READERS = [
  ['status'],
  ['timeline'],
  ['escalate', '--to', 'bob', '--ask', 'x', '--no-send'],
  ['handoff', '--to', 'bob', '--no-send'],
  ['postmortem'],
  ['export'],
  ['list'],
  ['sev', 'SEV1', '--no-post'],
];

async function damaged(damage: (lines: string[]) => string[]) {
  const box = await wordsIncident();
  await oncall(box, ['note', 'before the damage']);
  const file = logPath(box);
  const id = String(readEvents(box)[0]?.incident);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const left = damage(lines);
  writeFileSync(file, left.length ? `${left.join('\n')}\n` : '');
  return { box, file, id };
}

describe('a log without a readable incident.opened', () => {
  for (const [name, damage, why] of DAMAGES) {
    it(`${name}: every reading command exits 2 with one line naming file:line and the fix; use refuses it`, async () => {
      const { box, file, id } = await damaged(damage);
      const before = readFileSync(file);
      for (const args of [...READERS, ['use', id]]) {
        const r = await oncall(box, args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines, args.join(' ')).toHaveLength(1);
        expect(lines[0]).toContain(`oncall: ${file}`);
        expect(lines[0]).toMatch(why);
        expect(lines[0]).toMatch(/no readable incident\.opened event.*Fix: .*`oncall start`/);
      }
      expect(readFileSync(file)).toEqual(before);
    });

    it(`${name}: a note and a run are kept, and each warns once, in one line, naming the file and the fix`, async () => {
      const { box, file } = await damaged(damage);
      const count = readFileSync(file, 'utf8').split('\n').length;
      for (const [i, args] of [
        ['note', 'nobody reads this'],
        ['run', '--', process.execPath, '-e', '0'],
      ].entries()) {
        // Each its own process, as from another terminal.
        const r = await oncall(terminal(box), args);
        expect(r.code, r.stderr).toBe(0);
        const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
        expect(warnings, args.join(' ')).toHaveLength(1);
        expect(warnings[0]).toContain(file);
        // Line 1 as the first append found it (an emptied log has one after it).
        if (i === 0) expect(warnings[0]).toMatch(why);
        expect(warnings[0]).toMatch(/no reading command can show it.*Fix: /);
      }
      // The note, and the run's start and end: appended, nothing else touched.
      expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(count + 3);
    });
  }

  it('bare oncall: the way in as ever (exit 0), and the one line `oncall status` says, for every damage', async () => {
    for (const [name, damage, why] of DAMAGES) {
      const { box, file } = await damaged(damage);
      const before = readFileSync(file);
      const status = await oncall(box, ['status']);
      const r = await oncall(box, []);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain('Paged? Start with `oncall start`');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toMatch(why);
      expect(lines[0]?.replace(/^warning: /, ''), name).toBe(
        status.stderr.trimEnd().replace(/^oncall: /, ''),
      );
      expect(readFileSync(file), name).toEqual(before);
    }
  });

  it('a log longer than the tail the note reads: its first line is read too, and warned of', async () => {
    const box = await wordsIncident();
    const file = logPath(box);
    const [first, ...rest] = readFileSync(file, 'utf8').split('\n');
    const filler = `${JSON.stringify({ v: 1, type: 'note', kind: 'note', text: 'x'.repeat(1000) })}\n`;
    writeFileSync(file, `${first}}\n${rest.join('\n')}${filler.repeat(100)}`);
    const r = await oncall(terminal(box), ['note', 'after a long night']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: \S+events\.jsonl:1: not valid JSON, .*Fix: repair line 1/);
    expect((await oncall(box, ['status'])).code).toBe(2);
  });

  it('a sound log: the note and the run say nothing more', async () => {
    const box = await wordsIncident();
    for (const args of [
      ['note', 'all well'],
      ['run', '--', process.execPath, '-e', '0'],
    ]) {
      const r = await oncall(terminal(box), args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('warning:');
    }
  });
});
