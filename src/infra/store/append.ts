// Appending to the log, and taking back an append the disk refused half-way.
//
// The log is opened with O_APPEND and each batch goes out in one write call, so
// writers in several terminals interleave whole lines. Before writing we read
// only the log's last byte, to start on a fresh line after one torn by a killed
// writer.
//
// A full disk, a quota or a file size limit can cut that write short. The rule
// is then: the log ends up exactly as it was, so no later read warns about a
// torn line and no later write is glued to one. How, and why it never cuts
// another writer's line:
//
// 1. Where our bytes are. After an O_APPEND write(2) the kernel leaves the
//    descriptor's offset at the end of what it wrote, so ours are
//    [offset - written, offset). Node has no lseek; Linux shows the offset in
//    /proc/self/fdinfo. Without /proc we use the size seen just before the
//    write, which is only wrong if another writer truncated in between; so
//    there we go on only when at least FINGERPRINT bytes (enough to include
//    our event's random id) read back as ours, byte for byte. (Node's
//    writeSync retries the rest of a short write; on a full disk or at a size
//    limit the retry fails too. Should the two pieces ever land apart, with
//    another line between them, the read-back below does not match and we
//    touch nothing.)
// 2. Whether anyone wrote after us. If the size is still the end of our bytes,
//    we truncate back to where they start: the log is byte-identical. If it is
//    larger, another writer's line follows ours and truncating would take it
//    too; so we overwrite our own bytes in place with spaces (newlines kept).
//    Readers skip a line of spaces, and a line glued onto our torn bytes (its
//    writer read the last byte before ours landed) stays valid JSON with
//    leading spaces. If even that fails (a copy-on-write file system needs
//    space to overwrite), the torn bytes stay and the next write starts on a
//    fresh line as after a crash.
// 3. Why a truncate only removes our bytes: every writer follows this rule, so
//    no one removes bytes below their own start, and ours stay where we wrote
//    them until we take them back. What is left is the gap between the size
//    check and the truncate, two system calls microseconds apart right after a
//    failed write: an append landing exactly there would be cut. POSIX has no
//    conditional truncate and Node no file locks, and a lock file would need
//    the disk space that just ran out and could be left behind by a killed
//    writer, blocking every note; so we accept that window and keep it tiny
//    (nothing runs between the check and the truncate).
import {
  closeSync,
  constants,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import type { OncallEvent } from '../../domain/incident/events.js';
import { OncallError } from '../../errors.js';
import { diskError, isErrno } from './disk-error.js';
import { missingLog } from './missing-log.js';

/** The system calls an append makes: a port, so a test can cut a write short or fail it. */
export interface AppendFs {
  open(path: string, flags: number, mode: number): number;
  close(fd: number): void;
  size(fd: number): number;
  /** pread(2): reads at `position`, never moves the offset. */
  readAt(fd: number, buffer: Buffer, position: number): number;
  /** One write(2) at the descriptor's offset (the end, under O_APPEND). Returns bytes written. */
  write(fd: number, buffer: Buffer): number;
  /** pwrite(2), on a descriptor opened without O_APPEND (Linux ignores the position otherwise). */
  writeAt(fd: number, buffer: Buffer, position: number): number;
  truncate(fd: number, length: number): void;
  sync(fd: number): void;
  /** The descriptor's offset, when the system tells (Linux: /proc/self/fdinfo); else undefined. */
  offset(fd: number): number | undefined;
}

export const systemFs: AppendFs = {
  open: (path, flags, mode) => openSync(path, flags, mode),
  close: (fd) => closeSync(fd),
  size: (fd) => fstatSync(fd).size,
  readAt: (fd, buffer, position) => readSync(fd, buffer, 0, buffer.length, position),
  write: (fd, buffer) => writeSync(fd, buffer, 0, buffer.length),
  writeAt: (fd, buffer, position) => writeSync(fd, buffer, 0, buffer.length, position),
  truncate: (fd, length) => ftruncateSync(fd, length),
  sync: (fd) => fdatasyncSync(fd),
  offset: (fd) => {
    try {
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
      return pos ? Number(pos[1]) : undefined;
    } catch {
      return undefined;
    }
  },
};

/** Enough of an event line to include its id's random bits: no other line starts the same. */
export const FINGERPRINT = 64;

type Undo = 'nothing written' | 'removed' | 'blanked' | 'left';

class ShortWrite extends Error {}

function openLog(fs: AppendFs, file: string, create: boolean): number {
  const flags = constants.O_RDWR | constants.O_APPEND;
  try {
    return fs.open(file, create ? flags | constants.O_CREAT | constants.O_EXCL : flags, 0o600);
  } catch (error) {
    if (!isErrno(error)) throw error;
    if (error.code === 'ENOENT') {
      throw missingLog(file);
    }
    throw diskError(file, error, { doing: create ? 'create' : 'write' });
  }
}

/**
 * Appends events to an existing log (or creates it when `create` is set, failing if it exists).
 * One write call for the whole batch; fdatasync so an acknowledged event survives a crash.
 * On failure the batch is taken back (see the top of this file) and an OncallError says so.
 */
export function appendEvents(
  file: string,
  events: readonly OncallEvent[],
  options: { create?: boolean; fs?: AppendFs } = {},
): void {
  const fs = options.fs ?? systemFs;
  let body = '';
  for (const event of events) body += `${JSON.stringify(event)}\n`;
  const fd = openLog(fs, file, options.create ?? false);
  let before = 0;
  let buffer = Buffer.alloc(0);
  let written = 0;
  try {
    before = fs.size(fd);
    const fresh = startsOnFreshLine(fs, fd, before);
    before = fresh.size;
    if (!fresh.yes) body = `\n${body}`;
    buffer = Buffer.from(body, 'utf8');
    written = fs.write(fd, buffer);
    if (written !== buffer.length) throw new ShortWrite();
    fs.sync(fd);
  } catch (error) {
    const undo: Undo =
      written > 0 ? takeBack(fs, file, fd, buffer.subarray(0, written), before) : 'nothing written';
    throw appendError(file, error, undo);
  } finally {
    fs.close(fd);
  }
}

const pauser = new Int32Array(new SharedArrayBuffer(4));

/**
 * Whether the log ends on a fresh line, and its size then. A line that does
 * not end is either torn (a writer killed mid-write: our line starts after a
 * newline of its own) or another writer's, still landing: a line across a
 * page boundary grows the file a page at a time, and taking it for torn left
 * an empty line in the log. So an unended line is looked at again, a
 * millisecond later, until the size stops changing (a torn one never ends).
 */
function startsOnFreshLine(fs: AppendFs, fd: number, size: number): { yes: boolean; size: number } {
  let seen = size;
  for (let look = 0; look < SETTLE_LOOKS; look++) {
    if (seen === 0 || endsWithNewline(fs, fd, seen)) return { yes: true, size: seen };
    Atomics.wait(pauser, 0, 0, 1);
    const now = fs.size(fd);
    if (now === seen) return { yes: false, size: seen };
    seen = now;
  }
  return { yes: seen === 0 || endsWithNewline(fs, fd, seen), size: seen };
}

/** How many times an unended last line is looked at before it is taken for torn. */
const SETTLE_LOOKS = 5;

function endsWithNewline(fs: AppendFs, fd: number, size: number): boolean {
  const last = Buffer.alloc(1);
  fs.readAt(fd, last, size - 1);
  return last[0] === 0x0a;
}

/** True when the file holds exactly `ours` at `start`. */
function holds(fs: AppendFs, fd: number, start: number, ours: Buffer): boolean {
  if (start < 0) return false;
  const there = Buffer.alloc(ours.length);
  return fs.readAt(fd, there, start) === ours.length && there.equals(ours);
}

/** Removes (or, with a writer after us, blanks) the bytes a failed append left. */
function takeBack(fs: AppendFs, file: string, fd: number, ours: Buffer, before: number): Undo {
  try {
    const end = fs.offset(fd);
    if (end === undefined && ours.length < FINGERPRINT) return 'left';
    const start = end === undefined ? before : end - ours.length;
    if (!holds(fs, fd, start, ours)) return 'left';
    // Nothing may run between this check and the truncate (point 3 above).
    if (fs.size(fd) === start + ours.length) {
      fs.truncate(fd, start);
      return 'removed';
    }
    return blank(fs, file, start, ours);
  } catch {
    return 'left';
  }
}

/** Overwrites our bytes in place with spaces, keeping newlines: readers skip the line. */
function blank(fs: AppendFs, file: string, start: number, ours: Buffer): Undo {
  const spaces = Buffer.from(ours.map((byte) => (byte === 0x0a ? 0x0a : 0x20)));
  const fd = fs.open(file, constants.O_WRONLY, 0o600);
  try {
    if (fs.writeAt(fd, spaces, start) !== spaces.length) return 'left';
    fs.sync(fd);
    return 'blanked';
  } finally {
    fs.close(fd);
  }
}

function appendError(file: string, error: unknown, undo: Undo): Error {
  let line: string;
  if (error instanceof ShortWrite) {
    line = `cannot write ${file}: the write was cut short (a full disk, a quota or a file size limit). Free some space and try again.`;
  } else if (isErrno(error)) {
    line = diskError(file, error).message;
  } else {
    return error as Error; // not the disk: a bug, which keeps its stack
  }
  const outcome =
    undo === 'left'
      ? ' Nothing was recorded; a partial line was left at the end, which reading reports and skips.'
      : ' Nothing was recorded; earlier events are untouched.';
  return new OncallError(line + outcome);
}
