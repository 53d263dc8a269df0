// A terminal's FIFO: made with mkfifo(1) (Node has no mkfifo), read by the
// recorder through a libuv pipe, so no thread blocks on it and records are
// read as they come. Held for reading and writing: while the recorder holds
// it, a writer's open never blocks, and what the shell wrote stays in the
// kernel's pipe (memory only) until it is read.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync, rmSync, statSync } from 'node:fs';
import { Socket } from 'node:net';

/** Makes the FIFO (0600), replacing a stale one. */
export function makeFifo(path: string): void {
  rmSync(path, { force: true });
  const made = spawnSync('mkfifo', ['-m', '600', path], { encoding: 'utf8' });
  if (made.error || made.status !== 0) {
    const why = made.error?.message ?? made.stderr.trim();
    throw new Error(`mkfifo ${path}: ${why}`);
  }
}

interface FifoReader {
  /** Text as it arrives, in chunks of any size. */
  onData(listener: (chunk: string) => void): void;
  close(): void;
  /**
   * Removes the FIFO from its path if the path still names the one opened:
   * a `capture on` typed again while this recorder drains has made a new one
   * there, for its own recorder.
   */
  removeIfOurs(): void;
}

/** Whether `path` is still the file `opened` was (same device and inode). */
function stillAt(path: string, opened: { dev: number; ino: number }): boolean {
  try {
    const now = statSync(path);
    return now.dev === opened.dev && now.ino === opened.ino;
  } catch {
    return false;
  }
}

export function openFifo(path: string): FifoReader {
  const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
  const opened = fstatSync(fd);
  const pipe = new Socket({ fd, readable: true, writable: false });
  pipe.setEncoding('utf8');
  let closed = false;
  return {
    onData(listener) {
      pipe.on('data', (chunk: string) => listener(chunk));
    },
    close() {
      if (closed) return;
      closed = true;
      pipe.destroy();
      try {
        closeSync(fd);
      } catch {
        // The socket closed it.
      }
    },
    removeIfOurs() {
      if (stillAt(path, opened)) rmSync(path, { force: true });
    },
  };
}
