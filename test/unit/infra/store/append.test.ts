// A failed append leaves the log byte for byte as it was, and never cuts a line
// another writer appended after ours. The disk is faked through the store's
// AppendFs port: the real file system, except that a write is cut short after
// N bytes (what a full disk or a file size limit does) or fails outright.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OncallError } from '../../../../src/errors.js';
import { type AppendFs, FINGERPRINT, systemFs } from '../../../../src/infra/store/append.js';
import { appendEvents, makeEvent, parseLog } from '../../../../src/infra/store/log.js';

const meta = { incident: 'i', actor: 'a@b', now: new Date('2026-11-22T03:00:00.000Z') };
const note = (text: string) => makeEvent({ type: 'note', kind: 'note', text }, meta);
const line = (text: string) => `${JSON.stringify(note(text))}\n`;

function freshLog(content = line('first') + line('second')): string {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-append-')), 'events.jsonl');
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

function errno(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: fake`);
  error.code = code;
  return error;
}

/** The real file system, but the next write lands only `keep` bytes, then `after` runs. */
function cutAfter(keep: number, after: () => void = () => {}, base: AppendFs = systemFs): AppendFs {
  return {
    ...base,
    write: (fd, buffer) => {
      const written = base.write(fd, buffer.subarray(0, keep));
      after();
      return written;
    },
  };
}

const texts = (file: string) =>
  parseLog(file, readFileSync(file, 'utf8')).events.map((e) => (e.type === 'note' ? e.text : ''));

function expectFailure(run: () => void, pattern: RegExp): OncallError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OncallError);
    expect((error as OncallError).message).toMatch(pattern);
    expect((error as OncallError).message).not.toContain('\n');
    return error as OncallError;
  }
  throw new Error('expected the append to fail');
}

describe('a write cut short', () => {
  it.each([1, 10, 100])(
    'after %i bytes: the log is byte-identical, then a later append is clean',
    (keep) => {
      const file = freshLog();
      const before = readFileSync(file);
      const error = expectFailure(
        () => appendEvents(file, [note('x'.repeat(300))], { fs: cutAfter(keep) }),
        /cannot write .*events\.jsonl: the write was cut short/,
      );
      expect(error.message).toContain('Nothing was recorded; earlier events are untouched.');
      expect(readFileSync(file).equals(before)).toBe(true);

      appendEvents(file, [note('later')]);
      const after = readFileSync(file, 'utf8');
      expect(after.startsWith(before.toString('utf8'))).toBe(true);
      expect(after.slice(before.length)).toMatch(/^\{[^\n]*"text":"later"\}\n$/);
      expect(parseLog(file, after).damaged).toEqual([]);
      expect(texts(file)).toEqual(['first', 'second', 'later']);
    },
  );

  it('takes back the whole batch, not just the event that was cut', () => {
    const file = freshLog();
    const before = readFileSync(file);
    const batch = [note('one'), note('two'), note('three')];
    const twoAndAHalf = line('one').length * 2 + 20;
    expectFailure(() => appendEvents(file, batch, { fs: cutAfter(twoAndAHalf) }), /cut short/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('after a line torn by a killed writer, takes back its own fresh-line newline too', () => {
    const file = freshLog(`${line('first')}{"v":1,"torn`);
    const before = readFileSync(file);
    expectFailure(() => appendEvents(file, [note('x')], { fs: cutAfter(1) }), /cut short/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a write refused outright (ENOSPC, nothing written) leaves the log as it was', () => {
    const file = freshLog();
    const before = readFileSync(file);
    const refusing: AppendFs = {
      ...systemFs,
      write: () => {
        throw errno('ENOSPC');
      },
    };
    expectFailure(
      () => appendEvents(file, [note('x')], { fs: refusing }),
      /cannot write .*events\.jsonl: the disk is full\. Free some space and try again\. Nothing was recorded/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a sync that fails after the whole write (delayed allocation, NFS) takes the batch back', () => {
    const file = freshLog();
    const before = readFileSync(file);
    const unsyncable: AppendFs = {
      ...systemFs,
      sync: () => {
        throw errno('EDQUOT');
      },
    };
    expectFailure(() => appendEvents(file, [note('x')], { fs: unsyncable }), /disk quota/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('another writer appended after our cut write', () => {
  it('their line is kept byte for byte; ours is blanked, and the log reads clean', () => {
    const file = freshLog();
    const before = readFileSync(file, 'utf8');
    const theirs = line('theirs, complete');
    // They looked at the last byte before our torn bytes landed: no fresh-line newline.
    const fs = cutAfter(40, () => appendFileSync(file, theirs));
    expectFailure(() => appendEvents(file, [note('ours')], { fs }), /cut short/);

    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.endsWith(theirs)).toBe(true);
    expect(after.slice(before.length, -theirs.length)).toBe(' '.repeat(40));
    expect(parseLog(file, after).damaged).toEqual([]);
    expect(texts(file)).toEqual(['first', 'second', 'theirs, complete']);
  });

  it('a line of theirs on its own line after ours is kept too', () => {
    const file = freshLog();
    const theirs = `\n${line('theirs')}`; // they saw our torn bytes and started afresh
    const fs = cutAfter(100, () => appendFileSync(file, theirs));
    expectFailure(() => appendEvents(file, [note('ours')], { fs }), /cut short/);
    expect(readFileSync(file, 'utf8').endsWith(theirs)).toBe(true);
    expect(parseLog(file, readFileSync(file, 'utf8')).damaged).toEqual([]);
    expect(texts(file)).toEqual(['first', 'second', 'theirs']);
  });

  it('nothing is touched when the bytes where ours should be are not ours', () => {
    const file = freshLog();
    const before = readFileSync(file, 'utf8');
    const theirs = line('theirs');
    const lying: AppendFs = { ...systemFs, offset: () => 3 }; // points into the first line
    const fs = cutAfter(70, () => appendFileSync(file, theirs), lying);
    expectFailure(
      () => appendEvents(file, [note('ours')], { fs }),
      /a partial line was left at the end/,
    );
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(text.endsWith(theirs)).toBe(true);
    expect(text).toHaveLength(before.length + 70 + theirs.length);
  });
});

describe('where the system does not tell the descriptor offset (no /proc)', () => {
  const noOffset: AppendFs = { ...systemFs, offset: () => undefined };

  it('takes back a cut write long enough to be recognised as ours', () => {
    const file = freshLog();
    const before = readFileSync(file);
    const fs = cutAfter(FINGERPRINT, () => {}, noOffset);
    expectFailure(() => appendEvents(file, [note('x'.repeat(200))], { fs }), /cut short/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('leaves a shorter one, says so, and the next append starts on a fresh line', () => {
    const file = freshLog();
    const before = readFileSync(file, 'utf8');
    const fs = cutAfter(FINGERPRINT - 1, () => {}, noOffset);
    expectFailure(
      () => appendEvents(file, [note('x')], { fs }),
      /a partial line was left at the end, which reading reports and skips\./,
    );
    appendEvents(file, [note('later')]);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(texts(file)).toEqual(['first', 'second', 'later']);
    expect(parseLog(file, after).damaged).toHaveLength(1);
  });
});

describe('a line another writer is still landing', () => {
  it('is waited for, not taken for torn: no empty line between the two', () => {
    const file = freshLog();
    const whole = line('landing');
    const half = whole.slice(0, 100);
    appendFileSync(file, half);
    // Our size check sees half of it; the rest lands before we look again.
    let sized = 0;
    const landing: AppendFs = {
      ...systemFs,
      size: (fd) => {
        if (sized++ === 1) appendFileSync(file, whole.slice(100));
        return systemFs.size(fd);
      },
    };
    appendEvents(file, [note('ours')], { fs: landing });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l).text)).toEqual(['first', 'second', 'landing', 'ours']);
  });

  it('a torn line that never ends is still left on a line of its own', () => {
    const file = freshLog();
    appendFileSync(file, '{"v":1,"torn');
    appendEvents(file, [note('after')]);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(-3, -1)[0]).toBe('{"v":1,"torn');
    expect(JSON.parse(lines.at(-2) as string).text).toBe('after');
  });
});
