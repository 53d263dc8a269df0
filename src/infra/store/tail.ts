// The end of a log, read for the note's hot path: the whole lines among its
// last bytes, and whether those are the whole log; when they are not, its
// first line too (one more read of a few KiB on the same open file), where
// the incident.opened event is. Never the whole log.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface Tail {
  /** The whole lines among the last bytes read (the last piece is what follows the last newline). */
  lines: string[];
  /** True when `lines` are the whole log. */
  whole: boolean;
  /** Without `whole`: the log's first line, when it ends within the bytes read for it. */
  first?: string;
}

/** How much of the log's start is read for its first line, at most. */
const FIRST_LINE_MAX = 64 * 1024;

/**
 * The end of the log (undefined when it cannot be read, or is not a regular
 * file: a folder in its place opens, then fails to read; the write or the
 * reading command that follows says why, in one line).
 */
export function readTail(file: string, maxBytes: number): Tail | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const length = Math.min(stat.size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, stat.size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length === stat.size) return { lines, whole: true };
    lines.shift(); // the first line is probably cut
    const first = firstLine(fd, Math.min(stat.size - length, FIRST_LINE_MAX));
    return { lines, whole: false, ...(first === undefined ? {} : { first }) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first line among the log's first `max` bytes, read a few KiB at a time; undefined when longer. */
function firstLine(fd: number, max: number): string | undefined {
  const chunks: Buffer[] = [];
  let read = 0;
  while (read < max) {
    const chunk = Buffer.alloc(Math.min(4096, max - read));
    const n = readSync(fd, chunk, 0, chunk.length, read);
    if (n === 0) return undefined;
    const end = chunk.subarray(0, n).indexOf(0x0a);
    chunks.push(chunk.subarray(0, end < 0 ? n : end));
    if (end >= 0) return Buffer.concat(chunks).toString('utf8');
    read += n;
  }
  return undefined;
}
