// The lines of a log, a chunk at a time from any byte offset: a long log is
// never held as one string (nor split into a second copy of it), and the walk
// reads only what was appended since its last look. Lines are cut at the byte
// 0x0A, which never occurs inside a multi-byte UTF-8 character, so every chunk
// decodes on its own.
import { readSync } from 'node:fs';

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/** How far a log was read: bytes of whole lines, and how many lines that was. */
export interface LogPosition {
  offset: number;
  line: number;
}

/**
 * Gives `onLine` every line of the open file `fd` after `from`, numbered from
 * 1 at the start of the file. A last line without its newline (a write cut
 * short, or one still being written) is given with `last` true, and read only
 * if `onLine` returns true. Returns the position after what was read, and
 * whether that is in the middle of a line (a last line without its newline was read).
 */
export function eachLine(
  fd: number,
  from: LogPosition,
  onLine: (text: string, line: number, last: boolean) => boolean | undefined,
): { position: LogPosition; midLine: boolean } {
  let buffer = Buffer.allocUnsafe(CHUNK);
  let { offset, line } = from;
  let held = 0; // bytes at the start of `buffer` that are the start of a line not yet whole
  for (;;) {
    if (held === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const read = readSync(fd, buffer, held, buffer.length - held, offset + held);
    const end = held + read;
    if (read === 0) {
      const midLine = held > 0 && onLine(buffer.toString('utf8', 0, held), line + 1, true) === true;
      if (midLine) {
        offset += held;
        line += 1;
      }
      return { position: { offset, line }, midLine };
    }
    const whole = buffer.lastIndexOf(NEWLINE, end - 1);
    if (whole < 0) {
      held = end;
      continue;
    }
    // One native split of the chunk's text: cutting it a line at a time in JavaScript cost more.
    for (const text of buffer.toString('utf8', 0, whole).split('\n')) {
      line += 1;
      onLine(text, line, false);
    }
    offset += whole + 1;
    buffer.copy(buffer, 0, whole + 1, end);
    held = end - whole - 1;
  }
}
