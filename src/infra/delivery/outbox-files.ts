// The outbox's small files beside an incident's log. The outbox itself is in
// the log (delivery.* events); these only make the hot path cheap and keep
// two senders from sending one item twice:
// - `outbox.waiting`: exists while something may wait; holds when the next
//   retry is due, so any command can tell with one read whether to start a
//   background flush.
// - `outbox.failed`: a line about a delivery that failed for good in the
//   background, shown once by the next command.
// - `sending.<delivery>.lock`: created with O_EXCL while one process sends
//   that item; a second sender sees it and leaves the item alone.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const waitingFile = (dir: string) => join(dir, 'outbox.waiting');
const failedFile = (dir: string) => join(dir, 'outbox.failed');
export const sendLockFile = (dir: string, delivery: string) =>
  join(dir, `sending.${delivery}.lock`);

/** When the next retry is due, or '' when the marker says "now"; undefined when nothing waits. */
export function readWaiting(dir: string): string | undefined {
  try {
    return readFileSync(waitingFile(dir), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Something waits in this incident's outbox, due at `dueAt`. Never fails a command. */
export function markWaiting(dir: string, dueAt: string): void {
  try {
    writeFileSync(waitingFile(dir), `${dueAt}\n`, { mode: 0o600 });
  } catch {
    // The log holds the truth; `oncall outbox flush` still finds the item.
  }
}

export function clearWaiting(dir: string): void {
  try {
    unlinkSync(waitingFile(dir));
  } catch {
    // already gone
  }
}

export function markFailed(dir: string, line: string): void {
  try {
    writeFileSync(failedFile(dir), `${line}\n`, { mode: 0o600, flag: 'a' });
  } catch {
    // `oncall status` and `oncall outbox` still show it, from the log.
  }
}

/** The failure lines not yet shown, removed as they are read. */
export function takeFailed(dir: string): string[] {
  const file = failedFile(dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    unlinkSync(file);
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** A lock older than this belongs to a sender that died: every attempt ends within a minute. */
const STALE_LOCK_MS = 2 * 60_000;

/**
 * Takes the item's send lock; false when another process holds it. Its age is
 * read on the file system's clock (mtimes are real time), whatever clock the
 * command runs on.
 */
export function trySendLock(file: string): boolean {
  const now = new Date();
  for (let round = 0; round < 2; round++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, `${process.pid} ${now.toISOString()}\n`);
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (round > 0 || !isStale(file, now)) return false;
      releaseSendLock(file);
    }
  }
  return false;
}

function isStale(file: string, now: Date): boolean {
  try {
    return now.getTime() - statSync(file).mtimeMs > STALE_LOCK_MS;
  } catch {
    return true; // removed meanwhile: try again
  }
}

export function releaseSendLock(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
