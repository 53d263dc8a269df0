// The outbox's small files beside an incident's log. The outbox itself is in
// the log (delivery.* events); these only make the hot path cheap and keep
// two senders from sending one item twice:
// - `outbox.waiting`: exists while something may wait; holds when the next
//   retry is due, so any command can tell with one read whether to start a
//   background flush.
// - `outbox.failed`: a line about a delivery that failed for good in the
//   background, shown once by the next command.
// - `sending.<delivery>.lock`: created with O_EXCL while one process sends
//   that item, naming it (pid, host); a second sender leaves the item alone
//   while that process lives, and takes the lock over at once when it is gone.
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createWhole } from '../store/atomic.js';
import { holdLock, letGoLock } from './held.js';

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

/** Who holds a send lock: a process on a host, since when. */
export interface LockOwner {
  pid: number;
  host?: string;
  since?: string;
}

/** A lock on another host older than this belongs to a sender that died: every attempt ends within a minute. */
const STALE_LOCK_MS = 2 * 60_000;

function ownerOf(file: string | number): LockOwner | undefined {
  try {
    // `<pid> <host> <time>`; locks written before the host was kept read `<pid> <time>`.
    const [pid, second, third] = readFileSync(file, 'utf8').trim().split(/\s+/);
    const number = Number(pid);
    if (!Number.isSafeInteger(number) || number <= 0) return undefined;
    return third === undefined
      ? { pid: number, ...(second ? { since: second } : {}) }
      : { pid: number, host: second, since: third };
  } catch {
    return undefined;
  }
}

/** Whether process `pid` of this host still runs (EPERM: it does, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's sender is gone: on this host, its process no longer runs
 * (it was killed, or Ctrl-C ended it mid-send): taken over at once. On another
 * host (a home shared over the network), or unreadable: by its age, on the file
 * system's clock (mtimes are real time, whatever clock the command runs on).
 */
function isStale(seen: LockSeen, now: Date): boolean {
  const { owner } = seen;
  if (owner && (owner.host === undefined || owner.host === hostname()))
    return !isRunning(owner.pid);
  return now.getTime() - seen.mtimeMs > STALE_LOCK_MS;
}

export type SendLock = { taken: true } | { taken: false; owner?: LockOwner };

/** Tries to make the lock before giving up: a lock let go of, or taken over, in between is tried again. */
const TRIES = 3;

/**
 * Takes the item's send lock; when another live process holds it, says which.
 * A lock that is gone by the time it is read was let go of: it is tried again,
 * never reported as held by nobody. A stale one is taken over once.
 */
export function trySendLock(file: string): SendLock {
  const now = new Date();
  let tookOver = false;
  for (let tries = 0; tries < TRIES; tries++) {
    try {
      // Made whole: a sender that finds it always reads who holds it.
      if (createWhole(file, `${process.pid} ${hostname()} ${now.toISOString()}\n`)) {
        holdLock(file);
        return { taken: true };
      }
      const seen = lockSeen(file);
      if (!seen) continue;
      const owner = seen.owner;
      if (tookOver || !isStale(seen, now) || !takeOver(file, seen)) {
        return { taken: false, ...(owner ? { owner } : {}) };
      }
      tookOver = true;
    } catch {
      return { taken: false };
    }
  }
  return { taken: false };
}

/** A takeover of a lock that is stuck for longer than this was itself cut short. */
const STUCK_TAKEOVER_MS = 10_000;

const sameOwner = (a: LockOwner | undefined, b: LockOwner | undefined) =>
  a?.pid === b?.pid && a?.host === b?.host && a?.since === b?.since;

/** A lock as read once: its owner, and which file it was (a lock made again since is another). */
interface LockSeen {
  owner?: LockOwner;
  ino: number;
  mtimeMs: number;
}

function lockSeen(file: string): LockSeen | undefined {
  let fd: number | undefined;
  try {
    // One open file, so its owner and its identity are the same lock's (not
    // one let go of between a stat and a read, and another made).
    fd = openSync(file, 'r');
    const { ino, mtimeMs } = fstatSync(fd);
    const owner = ownerOf(fd);
    return { ino, mtimeMs, ...(owner ? { owner } : {}) };
  } catch {
    return undefined; // removed meanwhile: the next try takes it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Still the very lock seen: the same file, unchanged, with the same owner. */
function stillSeen(file: string, seen: LockSeen): boolean {
  const now = lockSeen(file);
  return (
    now !== undefined &&
    now.ino === seen.ino &&
    now.mtimeMs === seen.mtimeMs &&
    sameOwner(now.owner, seen.owner)
  );
}

/**
 * Removes the stale lock `seen`, one taker at a time: two senders that both
 * found it stale must not both remove it, or the second would remove the
 * lock the first just took. Under its own O_EXCL guard, the lock is read
 * again and removed only if it is still the stale one (the same file, not one
 * made since). False: another sender is taking it over right now.
 */
function takeOver(file: string, seen: LockSeen): boolean {
  const guard = `${file}.takeover`;
  try {
    closeSync(openSync(guard, 'wx', 0o600));
  } catch {
    try {
      if (Date.now() - statSync(guard).mtimeMs > STUCK_TAKEOVER_MS) removeLockFile(guard);
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    // A lock made since (even one not yet written: no owner to compare) is someone's: kept.
    if (stillSeen(file, seen)) removeLockFile(file);
    return true;
  } finally {
    removeLockFile(guard);
  }
}

function removeLockFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

export function releaseSendLock(file: string): void {
  letGoLock(file);
  removeLockFile(file);
}

/** Whether the lock file is still there (its sender not done yet). */
export function lockHeld(file: string): boolean {
  return existsSync(file);
}
