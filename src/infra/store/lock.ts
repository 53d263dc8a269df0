// A short exclusive section across processes: two `oncall start`s in the same
// instant each read the active pointer and write their own; inside the lock
// the second one reads the first one's id, so it can say whose notes it now
// takes. The lock is a file made with O_EXCL; one left by a crashed process is
// stale after STALE_MS. Waiting never blocks a responder for long: after
// WAIT_MS the work runs without the lock (its callers re-read what they wrote).
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { isErrno } from './disk-error.js';

const WAIT_MS = 1_000;
const STALE_MS = 2_000;
const POLL_MS = 5;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms` (the section guarded is a few system calls long). */
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** True when the lock was taken; false when it is held by someone else. */
function createLockFile(file: string): boolean {
  try {
    closeSync(openSync(file, 'wx', 0o600));
    return true;
  } catch (error) {
    if (isErrno(error) && error.code === 'EEXIST') return false;
    throw error;
  }
}

/** Removes a lock whose holder is surely gone (older than STALE_MS). */
function breakIfStale(file: string): void {
  try {
    if (Date.now() - statSync(file).mtimeMs > STALE_MS) unlinkSync(file);
  } catch {
    // Released meanwhile: the next try takes it.
  }
}

/** Runs `work` holding `file` as a lock, or without it if it cannot be had soon. */
export function withLock<T>(file: string, work: () => T): T {
  let held = false;
  try {
    const giveUp = Date.now() + WAIT_MS;
    held = createLockFile(file);
    while (!held && Date.now() < giveUp) {
      breakIfStale(file);
      pause(POLL_MS);
      held = createLockFile(file);
    }
  } catch {
    // The lock cannot be made (a read-only folder): the work will say why.
  }
  try {
    return work();
  } finally {
    if (held) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone (broken as stale by another process): nothing to release.
      }
    }
  }
}
