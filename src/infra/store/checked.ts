// How far into a log every line was found, at a read before, to be exactly as
// oncall writes it: what incident/exact.ts checks line by line, a tenth of an
// `oncall status` on a night's log of 2,000 events, paid again by every
// command of the night for the same lines. Whether a line passes depends only
// on its bytes and on this oncall (its schema), so a read that found every
// line so keeps a note of the log's first bytes (their length and CRC-32)
// and this oncall's version; a read that finds the log still starting with
// exactly those bytes parses those lines without checking them again. Only the
// own log, read from its start; a log with a damaged or hand-edited line is
// never noted (its lines go through zod every time). A note that cannot be read
// or written is passed over: it only ever saves time.
import { mkdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, crc32Hex } from '../../domain/text/hash.js';
import { writeFileAtomic } from './atomic.js';
import type { LogPosition } from './lines.js';

/** Bump when the same lines would now check differently. */
const FORMAT = 2;

const CHUNK = 1 << 20;

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
  /** CRC-32 of those bytes (domain/text/hash.ts: it tells a changed log, at no load of node:crypto). */
  crc32: number;
}

function noteFile(file: string, notes: CheckedNotes): string {
  // Two logs whose names collide share a note, each writing over the other's: time lost, never a line.
  const name = `${crc32Hex(file)}-${file.length}`;
  return join(notes.home, 'cache', 'checked', `${name}.json`);
}

/** CRC-32 of the first `length` bytes of the open file `fd`. */
function digestOf(fd: number, length: number): number {
  let crc = 0;
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(length, 1)));
  for (let at = 0; at < length; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, length - at), at);
    if (read === 0) throw new Error('the log is shorter than its note');
    crc = crc32(buffer.subarray(0, read), crc);
    at += read;
  }
  return crc;
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
      digestOf(fd, note.offset) === note.crc32;
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
      crc32: digestOf(fd, position.offset),
    };
    mkdirSync(join(notes.home, 'cache', 'checked'), { recursive: true, mode: 0o700 });
    writeFileAtomic(noteFile(file, notes), JSON.stringify(note), 0o600);
  } catch {
    // A full or read-only disk: the next read checks every line again.
  }
}
