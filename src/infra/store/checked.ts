// How far into a log every line was found, at a read before, to be exactly as
// oncall writes it: what incident/exact.ts checks line by line, a tenth of an
// `oncall status` on a night's log of 2,000 events, paid again by every
// command of the night for the same lines. Whether a line passes depends only
// on its bytes and on this oncall (its schema), so a read that found every
// line so keeps a note of the log's first bytes (their length and SHA-256)
// and this oncall's version; a read that finds the log still starting with
// exactly those bytes parses those lines without checking them again. Only the
// own log, read from its start; a log with a damaged or hand-edited line is
// never noted (its lines go through zod every time). A note that cannot be read
// or written is passed over: it only ever saves time.
import { mkdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { LogPosition } from './lines.js';

/** Bump when the same lines would now check differently. */
const FORMAT = 1;

const CHUNK = 1 << 20;

/**
 * A SHA-256 hash, node:crypto loaded on first use: `oncall note` bundles this
 * module (through log.ts) but never reads a log whole, and loading node:crypto
 * loads Node's streams (test/e2e/build/hot-path.test.ts).
 */
const sha256 = () => process.getBuiltinModule('node:crypto').createHash('sha256');

export interface CheckedNotes {
  /** The data home: the notes are kept in its cache/checked (the home is never created here). */
  home: string;
  /** This oncall's version: a new version checks every line again. */
  version: string;
}

interface Note {
  format: number;
  version: string;
  file: string;
  /** The lines, and their bytes, that were all as oncall writes them. */
  offset: number;
  line: number;
  /** SHA-256 of those bytes. */
  sha256: string;
}

function noteFile(file: string, notes: CheckedNotes): string {
  const name = sha256().update(file).digest('hex').slice(0, 32);
  return join(notes.home, 'cache', 'checked', `${name}.json`);
}

/** SHA-256 of the first `length` bytes of the open file `fd`. */
function digestOf(fd: number, length: number): string {
  const hash = sha256();
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(length, 1)));
  for (let at = 0; at < length; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, length - at), at);
    if (read === 0) throw new Error('the log is shorter than its note');
    hash.update(buffer.subarray(0, read));
    at += read;
  }
  return hash.digest('hex');
}

/**
 * Where the lines known to be as oncall writes them end in the open log `fd`
 * (`size` bytes): the noted position when the log still starts with the noted
 * bytes, else the start.
 */
export function checkedUpTo(
  file: string,
  fd: number,
  size: number,
  notes: CheckedNotes,
): LogPosition {
  const none = { offset: 0, line: 0 };
  try {
    const note = JSON.parse(readFileSync(noteFile(file, notes), 'utf8')) as Note;
    const same =
      note.format === FORMAT &&
      note.version === notes.version &&
      note.file === file &&
      Number.isSafeInteger(note.offset) &&
      Number.isSafeInteger(note.line) &&
      note.offset > 0 &&
      note.offset <= size &&
      digestOf(fd, note.offset) === note.sha256;
    return same ? { offset: note.offset, line: note.line } : none;
  } catch {
    return none;
  }
}

/** Notes that every line of the open log `fd` before `position` is as oncall writes it. */
export function noteChecked(
  file: string,
  fd: number,
  position: LogPosition,
  notes: CheckedNotes,
): void {
  if (position.offset === 0) return;
  try {
    if (!statSync(notes.home).isDirectory()) return;
    const note: Note = {
      format: FORMAT,
      version: notes.version,
      file,
      offset: position.offset,
      line: position.line,
      sha256: digestOf(fd, position.offset),
    };
    mkdirSync(join(notes.home, 'cache', 'checked'), { recursive: true, mode: 0o700 });
    writeFileAtomic(noteFile(file, notes), JSON.stringify(note), 0o600);
  } catch {
    // A full or read-only disk: the next read checks every line again.
  }
}
