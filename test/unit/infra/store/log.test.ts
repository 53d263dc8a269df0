import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTHING_TO_CUT_UP_TO } from '../../../../src/domain/incident/cut.js';
import {
  appendEvents,
  findInTail,
  highestCounterIn,
  makeEvent,
  parseLog,
  readLogFrom,
} from '../../../../src/infra/store/log.js';

const meta = { incident: 'i', actor: 'a@b', now: new Date('2026-11-22T03:00:00.000Z') };
const note = (text: string) => makeEvent({ type: 'note', kind: 'note', text }, meta);

describe('parseLog', () => {
  it('reports damaged lines by number and keeps the rest', () => {
    const good = JSON.stringify(note('ok'));
    const text = `${good}\n\nnot json\n{"v":1,"type":"note"}\n${good}\n{"v":1,"id":"x","inc`;
    const { events, damaged } = parseLog('/x/events.jsonl', text);
    expect(events).toHaveLength(2);
    expect(damaged.map((d) => [d.line, d.reason.split(':')[0]])).toEqual([
      [3, 'not valid JSON'],
      [4, 'id'],
      [6, 'truncated line (a write was interrupted)'],
    ]);
  });
});

describe('a line that breaks the schema', () => {
  it.each([
    ['zod/mini alone', async () => {}],
    // The CLI loads full zod for the config, which sets zod's English messages for the whole process.
    [
      "full zod's English messages loaded",
      async () => {
        const { z } = await import('zod');
        z.config(z.locales.en());
      },
    ],
  ])(
    'is reported with the field and what it should hold, not "Invalid input" (%s)',
    async (_, load) => {
      await load();
      const good = note('ok');
      const lines = [
        { ...good, text: 5 },
        { ...good, kind: 'weird' },
        { ...good, lamport: 0 },
        { ...good, type: 'nope' },
        { ...good, ts: 'yesterday' },
      ].map((e) => JSON.stringify(e));
      const { damaged } = parseLog('/x/events.jsonl', lines.join('\n'));
      expect(damaged.map((d) => d.reason)).toEqual([
        'text: expected string',
        'kind: expected one of "note", "action", "finding", "hypothesis", "ruled-out", "confirmed", "decision"',
        'lamport: expected at least 1',
        'type: unknown event type "nope"',
        'ts: expected a UTC time like 2026-11-22T02:00:00.000Z',
      ]);
    },
  );
});

describe('a byte-order mark before a line', () => {
  it('is passed over, and such a log is never noted as written by oncall', () => {
    const good = JSON.stringify(note('ok'));
    const { events, damaged } = parseLog('/x/events.jsonl', `\uFEFF${good}\n\uFEFF${good}\n`);
    expect(events).toHaveLength(2);
    expect(damaged).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'oncall-log-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `\uFEFF${good}\n`);
    const notes = { home: dir, version: 'test' };
    expect(readLogFrom(file, undefined, notes).events).toHaveLength(1);
    expect(readLogFrom(file, undefined, notes).events).toHaveLength(1);
    const kept = join(dir, 'cache', 'checked');
    expect(existsSync(kept) ? readdirSync(kept) : []).toEqual([]);
  });
});

describe('reading notes where the long lines are', () => {
  it('names the events whose line is longer than NOTHING_TO_CUT_UP_TO, by their place among the events read', () => {
    const short = JSON.stringify(note('ok'));
    const long = JSON.stringify(note('z'.repeat(NOTHING_TO_CUT_UP_TO)));
    const edge = JSON.stringify(note('e'.repeat(NOTHING_TO_CUT_UP_TO - short.length + 2)));
    expect(edge.length).toBe(NOTHING_TO_CUT_UP_TO);
    // A damaged line in between takes no place among the events.
    const text = [short, long, 'not json', edge, long, short].join('\n');
    expect(parseLog('/x/events.jsonl', text).long).toEqual([1, 3]);
    const dir = mkdtempSync(join(tmpdir(), 'oncall-log-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${text}\n`);
    const read = readLogFrom(file);
    expect(read.events).toHaveLength(5);
    expect(read.long).toEqual([1, 3]);
  });
});

describe('appendEvents', () => {
  it('creates the log 0600 exclusively, appends whole lines, and never writes an invalid event', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-log-'));
    const file = join(dir, 'events.jsonl');
    appendEvents(file, [note('one')], { create: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => appendEvents(file, [note('again')], { create: true })).toThrow(/events.jsonl/);
    appendEvents(file, [note('two'), note('three')]);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
    expect(() => makeEvent({ type: 'note', kind: 'note', text: '' }, meta)).toThrow(
      /invalid event/,
    );
  });

  it('starts on a fresh line after a torn one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-log-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${JSON.stringify(note('a'))}\n{"torn`);
    appendEvents(file, [note('b')]);
    const { events, damaged } = parseLog(file, readFileSync(file, 'utf8'));
    expect(events.map((e) => (e.type === 'note' ? e.text : ''))).toEqual(['a', 'b']);
    expect(damaged).toEqual([{ file, line: 2, reason: 'not valid JSON' }]);
  });

  it('findInTail reads only the end of a long log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-log-'));
    const file = join(dir, 'events.jsonl');
    appendEvents(
      file,
      Array.from({ length: 2000 }, (_, i) => note(`n${i}`)),
      { create: true },
    );
    const text = (e: unknown) => (e as { text: string }).text;
    expect(text(findInTail(file, /n1/, () => true, 4096))).toBe('n1999');
    expect(text(findInTail(file, /"n19\d\d"/, (e) => text(e) < 'n1990', 4096))).toBe('n1989');
    expect(findInTail(file, /"n5"/, () => true, 4096)).toBeUndefined(); // too far back
  });
});

describe('highestCounterIn', () => {
  const counted = (lamport: number, text = 'x') =>
    makeEvent({ type: 'note', kind: 'note', text }, { ...meta, lamport });
  const logOf = (events: object[], extra = '') => {
    const file = join(mkdtempSync(join(tmpdir(), 'oncall-counter-')), 'events.jsonl');
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n${extra}`);
    return file;
  };

  it("is the highest counter among the log's last lines", () => {
    expect(highestCounterIn(logOf([counted(1), counted(7), counted(6)]))).toBe(7);
  });

  it('counts a log written before counters line by line, so the next event comes after it all', () => {
    expect(highestCounterIn(logOf([note('a'), note('b'), note('c')]))).toBe(3);
    // Counters read from the text only: a long line pushes them out of the tail, the whole log is read.
    const long = note('y'.repeat(70_000));
    expect(highestCounterIn(logOf([note('a'), counted(2), long]))).toBe(3);
  });

  it('passes over a counter too large to be one, and a line cut short', () => {
    const file = logOf(
      [counted(4)],
      '{"v":1,"lamport":12345678901234567,"id":"x"}\n{"v":1,"lamport":9',
    );
    expect(highestCounterIn(file)).toBe(4);
    expect(highestCounterIn(join(tmpdir(), 'no-such-oncall-log.jsonl'))).toBe(0);
  });
});
