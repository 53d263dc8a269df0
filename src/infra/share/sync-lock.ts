// The sync lock: a small file created exclusively (O_EXCL), naming the
// process that holds it, so two terminals never run git in one clone at once.
// Unlike lock.ts (a section of a few system calls), a sync holds it for
// seconds, over the network: a lock whose process is gone (killed, crashed)
// or that is older than STALE_MS is taken over. `oncall note` only looks at it
// (is a sync already running?), so this module stays small.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { isErrno } from '../store/disk-error.js';

/** Longer than any sync may take (each git call is time-limited well below it). */
const STALE_MS = 5 * 60_000;

interface Holder {
  pid: number;
  at: number;
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is someone else's.
    return isErrno(error) && error.code === 'EPERM';
  }
}

/** The process holding the lock, if one is alive and the lock is fresh (real time: processes share it). */
export function lockHolder(file: string, now = Date.now()): number | undefined {
  const { holder } = readHolder(file);
  if (!holder) return undefined;
  return now - holder.at < STALE_MS && alive(holder.pid) ? holder.pid : undefined;
}

/** Takes the lock if no live process holds it. True when taken. */
export function trySyncLock(file: string, now = Date.now()): boolean {
  const body = JSON.stringify({ pid: process.pid, at: now });
  try {
    writeFileSync(file, body, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (!isErrno(error) || error.code !== 'EEXIST') throw error;
  }
  const { holder, text } = readHolder(file);
  if (holder && now - holder.at < STALE_MS && alive(holder.pid)) return false;
  // Stale: remove it only if it is still the stale one we read, then race for it fairly.
  if (readHolder(file).text !== text) return false;
  try {
    unlinkSync(file);
  } catch {
    return false;
  }
  try {
    writeFileSync(file, body, { flag: 'wx', mode: 0o600 });
    return true;
  } catch {
    return false;
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
