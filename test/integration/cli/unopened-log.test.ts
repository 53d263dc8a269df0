// A log whose incident.opened line is damaged, deleted or another incident's
// is a bad file: every reading command refuses it with one line (file:line,
// why, the fix) and exit 2, as README's exit codes say; `use` does not make it
// the active one.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, readEvents, wordsIncident } from '../../helpers/in-process.js';

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
  }
});
