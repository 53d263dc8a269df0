import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CheckedNotes,
  checkedUpTo,
  noteChecked,
} from '../../../../src/infra/store/checked.js';
import { appendEvents, makeEvent, readLogFrom } from '../../../../src/infra/store/log.js';

const meta = { incident: 'i', actor: 'a@b', now: new Date('2026-11-22T03:00:00.000Z') };
const note = (text: string) => makeEvent({ type: 'note', kind: 'note', text }, meta);

function night(count: number) {
  const home = mkdtempSync(join(tmpdir(), 'oncall-checked-'));
  const file = join(home, 'events.jsonl');
  appendEvents(
    file,
    Array.from({ length: count }, (_, i) => note(`n${i}`)),
    { create: true },
  );
  return { home, file, notes: { home, version: '1.0.0' } };
}

/** The lines a read of `file` with `notes` would not check again (checked.ts). */
function known(file: string, notes: CheckedNotes): number {
  const fd = openSync(file, 'r');
  try {
    return checkedUpTo(file, fd, statSync(file).size, notes).line;
  } finally {
    closeSync(fd);
  }
}

/** Reads the log whole, as a command does. */
function read(file: string, notes: CheckedNotes | undefined) {
  const { events, damaged } = readLogFrom(file, undefined, notes);
  return { events, damaged };
}

const notesIn = (home: string) => {
  const dir = join(home, 'cache', 'checked');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('lines found as oncall writes them, noted', () => {
  it('are not checked again while the log starts with the same bytes; what is read is the same', () => {
    const { file, notes } = night(50);
    expect(known(file, notes)).toBe(0);
    const first = read(file, notes);
    expect(known(file, notes)).toBe(50);
    expect(read(file, notes)).toEqual(first);
    expect(read(file, undefined)).toEqual(first);
    appendEvents(file, [note('appended')]);
    expect(known(file, notes)).toBe(50); // the appended line is checked on the next read
    const grown = read(file, notes);
    expect(grown.events.map((e) => (e.type === 'note' ? e.text : ''))).toContain('appended');
    expect(known(file, notes)).toBe(51);
  });

  it('are kept as parsed, unchecked: a noted line is trusted', () => {
    // A note written for lines never checked (what no read would do) shows what a note saves.
    const { file, notes } = night(3);
    appendFileSync(file, '{"v":1,"type":"note"}\n');
    const fd = openSync(file, 'r');
    noteChecked(file, fd, { offset: statSync(file).size, line: 4 }, notes);
    closeSync(fd);
    expect(read(file, notes)).toMatchObject({ damaged: [], events: { length: 4 } });
    expect(read(file, undefined).damaged.map((d) => d.line)).toEqual([4]);
  });

  it('are checked again when a byte of them changed, even at the same length', () => {
    const { file, notes } = night(20);
    read(file, notes);
    const text = readFileSync(file, 'utf8');
    // n7 with a kind oncall does not know: the same length, now damaged.
    const edited = text.replace('"kind":"note","text":"n7"', '"kind":"nope","text":"n7"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    expect(known(file, notes)).toBe(0);
    const after = read(file, notes);
    expect(after.damaged.map((d) => d.line)).toEqual([8]);
    expect(after.events).toHaveLength(19);
  });

  it('are never noted for a log with a damaged line, which is reported on every read', () => {
    const { home, file, notes } = night(10);
    appendFileSync(file, 'not json\n');
    appendEvents(file, [note('after')]);
    for (let i = 0; i < 2; i++)
      expect(read(file, notes).damaged).toEqual([{ file, line: 11, reason: 'not valid JSON' }]);
    expect(notesIn(home)).toEqual([]);
    expect(known(file, notes)).toBe(0);
  });

  it('are checked again by another version of oncall', () => {
    const { file, notes } = night(5);
    read(file, notes);
    expect(known(file, notes)).toBe(5);
    expect(known(file, { ...notes, version: '1.0.1' })).toBe(0);
  });

  it('are noted only in a data home that exists, and a note that cannot be read is passed over', () => {
    const { home, file } = night(5);
    const missing = join(home, 'no-such-home');
    read(file, { home: missing, version: '1' });
    expect(existsSync(missing)).toBe(false);
    const notes = { home, version: '1' };
    read(file, notes);
    const [name] = notesIn(home);
    writeFileSync(join(home, 'cache', 'checked', name as string), '{"format":1,');
    expect(known(file, notes)).toBe(0);
    expect(read(file, notes).events).toHaveLength(5);
  });
});
