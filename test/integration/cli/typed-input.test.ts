// What a tired responder or a script with an unset variable types, through the
// commander wiring in process: an impossible time or an empty value is one line
// naming the flag, exit 2, nothing recorded, never a stack. (The same words on
// the note fast path of the built bin: test/e2e/flows/typed-input.test.ts.)
import { describe, expect, it } from 'vitest';
import { oncall, readEvents, sandbox, startIncident } from '../../helpers/in-process.js';
import { expectOneLineRefusal } from '../../helpers/refusals.js';

describe('typed times', () => {
  it('refuses impossible and absurd --at values in notes and milestones', async () => {
    const box = sandbox();
    await startIncident(box);
    const before = readEvents(box).length;
    const year = box.now().getUTCFullYear();
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const cases: [string[], string | RegExp][] = [
      [
        ['note', '--at', `${year}-02-30T01:00`, 'x'],
        `--at ${year}-02-30T01:00: February has ${leap ? 29 : 28} days in ${year}`,
      ],
      [['note', '--at', '24:30', 'x'], '--at 24:30: there is no hour 24; hours go from 00 to 23'],
      [
        ['note', '--at', '100000000h ago', 'x'],
        '--at 100000000h ago: that is about 11407 years ago; give a time from the last 14 days',
      ],
      [
        ['mitigate', '--at', '0001-01-01T00:00Z'],
        /^--at 0001-01-01T00:00Z: that is about \d+ years ago/,
      ],
      [['resolve', '--at', `${year + 1}-12-31T00:00Z`], /in the future\. Give when it happened\.$/],
    ];
    for (const [words, line] of cases) expectOneLineRefusal(await oncall(box, words), line);
    expect(readEvents(box)).toHaveLength(before);
  });

  it("reads a local --at in the responder's TZ, not the machine's", async () => {
    const box = sandbox({ TZ: 'Asia/Kolkata' });
    await startIncident(box);
    const instant = new Date(Math.floor((box.now().getTime() - 2 * 3_600_000) / 60_000) * 60_000);
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(instant);
    const r = await oncall(box, ['note', '--at', clock, 'disk at 95%']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Noted at ${clock} in `);
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'note', ts: instant.toISOString() });
  });
});

describe('empty values', () => {
  it('refuses an empty flag or argument in any command', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    const before = readEvents(box).length;
    expectOneLineRefusal(
      await oncall(box, ['note', '--incident', '', 'disk full']),
      '--incident: empty value; give <id> or leave the flag out',
    );
    expectOneLineRefusal(
      await oncall(box, ['note', '--at=', 'disk full']),
      '--at: empty value; give <time> or leave the flag out',
    );
    expectOneLineRefusal(
      await oncall(box, ['note', '']),
      '<text> is empty: what happened, what you found, what you think',
    );
    expectOneLineRefusal(
      await oncall(box, ['status', '--incident', '']),
      '--incident: empty value; give <id> or leave the flag out',
    );
    expectOneLineRefusal(
      await oncall(box, ['use', '']),
      '<id> is empty: incident id (or an unambiguous part of it)',
    );
    expectOneLineRefusal(
      await oncall(box, ['postmortem', '--out', '']),
      '--out: empty value; give <file> or leave the flag out',
    );
    expectOneLineRefusal(
      await oncall(box, ['run', '--', '', 'x']),
      'the command name is empty: oncall run -- <command> [args…]',
    );
    expect(readEvents(box, id)).toHaveLength(before);
  });
});
