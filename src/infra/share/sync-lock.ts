// The clone lock: a small file beside the clone, naming the process that
// holds it and the process group of the git it runs now, so two git processes
// never run in one clone at once (every git run in a clone happens under it).
// It is created whole: written under a name of its own, then linked into
// place (link(2) fails when the name exists), so nobody ever reads a lock half
// written; a reader that did once took a live holder's lock for a dead one's
// and two syncs ran git in one clone ("cannot lock ref"). A sync holds it for
// seconds, over the network: the holder writes `at` again every REFRESH_MS,
// and its git runs are bounded (git.ts). It is taken over only from a holder
// that is gone (its process and its git's group both ended: a live git group
// of a dead holder is ended first), or that stopped refreshing for STALE_MS
// (hung: its git group is ended, then it is taken over); one process at a
// time takes over (a second lock, `.takeover`, held for microseconds), so two
// waiters never both remove a stale lock and each make their own. Whoever
// takes a lock over tidies the clone first (clone-repair.ts): the holder did
// not finish. `oncall note` only looks at it (is a sync already running?), so
// this module stays small.
import { readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createWhole, writeFileAtomic } from '../store/atomic.js';
import { isErrno } from '../store/disk-error.js';

/** A holder that has not refreshed its lock for this long is hung. */
const STALE_MS = 2 * 60_000;
const REFRESH_MS = 10_000;

interface Holder {
  pid: number;
  at: number;
  /** The process group of the git the holder runs now. */
  gitPgid?: number;
}

function readHolder(file: string): { holder?: Holder; text?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const holder = JSON.parse(text) as Holder;
    if (typeof holder.pid === 'number' && typeof holder.at === 'number') return { holder, text };
  } catch {
    // Half-written by a holder that died between create and write: stale.
  }
  return { text };
}

/** Whether process `pid` (or, negative, process group `-pid`) exists. */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is someone else's.
    return isErrno(error) && error.code === 'EPERM';
  }
}

function groupAlive(holder: Holder): boolean {
  return holder.gitPgid !== undefined && exists(-holder.gitPgid);
}

/** The holder is working: alive and refreshing. */
function live(holder: Holder, now: number): boolean {
  return now - holder.at < STALE_MS && exists(holder.pid);
}

/** The process holding the lock, if one is alive and the lock is fresh (real time: processes share it). */
export function lockHolder(file: string, now = Date.now()): number | undefined {
  const { holder } = readHolder(file);
  if (!holder) return undefined;
  return live(holder, now) ? holder.pid : undefined;
}

/** How a lock was taken: `stale` when its previous holder never let go (tidy the clone first). */
type Taken = { stale: boolean } | undefined;

/** A takeover lock whose taker died in its microseconds is removed once it is this old. */
const TAKEOVER_STALE_MS = 10_000;

/** Removes a takeover lock left by a taker that died holding it. */
function clearDeadTakeover(file: string, now: number): void {
  const { holder } = readHolder(file);
  try {
    if (holder && exists(holder.pid)) return;
    if (now - statSync(file).mtimeMs < TAKEOVER_STALE_MS) return;
    unlinkSync(file);
  } catch {
    // Gone meanwhile.
  }
}

/** Ends the git a gone or hung holder left running (it may still write in the clone); false if it lives on. */
function endLeftGit(holder: Holder | undefined): boolean {
  if (holder?.gitPgid === undefined || !groupAlive(holder)) return true;
  try {
    process.kill(-holder.gitPgid, 'SIGKILL');
  } catch {
    // Ended meanwhile.
  }
  return !groupAlive(holder);
}

/** Takes the lock if no live process holds it. */
export function trySyncLock(file: string, now = Date.now()): Taken {
  const body = JSON.stringify({ pid: process.pid, at: now });
  if (createWhole(file, body)) return { stale: false };
  const { holder, text } = readHolder(file);
  // Let go of since: anyone may make it now (removing "nothing" would remove theirs).
  if (text === undefined) return createWhole(file, body) ? { stale: false } : undefined;
  if (holder && live(holder, now)) return undefined;
  if (!endLeftGit(holder)) return undefined;
  const takeover = `${file}.takeover`;
  if (!createWhole(takeover, body)) {
    clearDeadTakeover(takeover, now);
    return undefined;
  }
  try {
    // Still the stale lock read above (not one made meanwhile): remove it, then race for it fairly.
    if (readHolder(file).text !== text) return undefined;
    try {
      unlinkSync(file);
    } catch {
      return undefined;
    }
    return createWhole(file, body) ? { stale: true } : undefined;
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** Releases the lock if this process holds it. */
export function releaseSyncLock(file: string): void {
  if (readHolder(file).holder?.pid !== process.pid) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/** Writes the holder again: still here (`at`), and the git group it runs now. */
function touch(file: string, gitPgid?: number): void {
  const { holder } = readHolder(file);
  if (holder?.pid !== process.pid) return;
  const next: Holder = { pid: process.pid, at: Date.now(), ...(gitPgid ? { gitPgid } : {}) };
  try {
    // Replaced whole: a reader never sees half of it (half would read as a dead holder's).
    writeFileAtomic(file, JSON.stringify(next));
  } catch {
    // The next refresh tries again.
  }
}

/** A lock this process holds: refreshed while held, naming the git group it runs. */
export interface HeldLock {
  file: string;
  stale: boolean;
  /** Record the process group of the git now running in the clone. */
  group(pgid: number): void;
  release(): void;
}

export function holdLock(file: string, taken: { stale: boolean }): HeldLock {
  let pgid: number | undefined;
  const timer = setInterval(() => touch(file, pgid), REFRESH_MS);
  timer.unref();
  return {
    file,
    stale: taken.stale,
    group(next) {
      pgid = next;
      touch(file, next);
    },
    release() {
      clearInterval(timer);
      releaseSyncLock(file);
    },
  };
}
