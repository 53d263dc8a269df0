// `oncall sync --background`, what every command that records on a shared
// incident starts (background.ts), and the syncs of `timeline --follow`.
//
// A background sync waits until the log has been still for 300 ms (two seconds
// at most), so a burst of notes goes out as one commit; then syncs, and again
// while the log grew meanwhile. When the remote cannot be reached it does not
// give up: it lets go of the lock, waits (2, 4, 8 … 60 s, with jitter), and
// tries again, until what was recorded is shared or 15 minutes have passed
// since the newest event not yet shared. Its state is in share.json (`retry`:
// the attempt, the next, the last error), so `oncall status` can say so. It
// stops at once when trying again cannot help (authentication, a host key,
// not a repository), and leaves the work to another sync that holds the lock
// or is already retrying.
import { statSync } from 'node:fs';
import { RemoteError, worthRetrying } from '../../infra/share/git-errors.js';
import {
  eventsNotShared,
  readShareState,
  type ShareState,
  updateShareState,
} from '../../infra/share/share-state.js';
import type { HeldLock } from '../../infra/share/sync-lock.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { inClone, takeLock } from './session.js';
import { shareStateOf, syncAndKeep } from './shared.js';
import type { Sharer, SyncResult } from './sync.js';

/** The log still this long: the burst is over. */
const QUIET_MS = 300;
const QUIET_MAX_MS = 2_000;
/** How long after the newest unshared event a background sync keeps trying. */
const KEEP_TRYING_MS = 15 * 60_000;
const RETRY_CAP_MS = 60_000;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Waits (holding the lock) until the log has not grown for QUIET_MS, at most QUIET_MAX_MS. */
async function quiet(s: Sharer, file: string): Promise<void> {
  let size = sizeOf(file);
  for (let waited = 0; waited < QUIET_MAX_MS; waited += QUIET_MS) {
    await s.sleep(QUIET_MS);
    const now = sizeOf(file);
    if (now === size) return;
    size = now;
  }
}

/** Whether another process is already retrying this incident's sync. */
function otherRetrier(state: ShareState | undefined): boolean {
  const pid = state?.retry?.pid;
  if (pid === undefined || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Rounds while the log grows (each round sends what was recorded meanwhile). */
async function rounds(s: Sharer, ref: IncidentRef, lock: HeldLock): Promise<SyncResult> {
  let state = shareStateOf(s, ref);
  return inClone(s, { remote: state.remote, name: state.clone }, lock, async (clone) => {
    for (;;) {
      const size = sizeOf(ref.file);
      const result = await syncAndKeep(clone, s, ref, state);
      state = result.state;
      if (sizeOf(ref.file) === size) return result;
    }
  });
}

/** The wait before attempt `attempt` (1, 2, …): 2, 4, 8 … 60 s, half of it jitter. */
function retryDelay(s: Sharer, attempt: number): number {
  const cap = Math.min(RETRY_CAP_MS, 1_000 * 2 ** attempt);
  return cap / 2 + (s.random() * cap) / 2;
}

/**
 * The background sync. Undefined when another sync holds the lock (it will
 * send what was recorded) or nothing was left to do.
 */
export async function backgroundSync(s: Sharer, ref: IncidentRef): Promise<SyncResult | undefined> {
  const first = await takeLock(s.home, shareStateOf(s, ref).clone, false);
  if (!first) return undefined;
  let lock: HeldLock = first;
  await quiet(s, ref.file);
  let size = sizeOf(ref.file);
  let until = s.now().getTime() + KEEP_TRYING_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await rounds(s, ref, lock);
      lock.release();
      // Recorded after the last round looked, while the lock was held: sent by another round.
      if (sizeOf(ref.file) === size) return result;
      const again = await takeLock(s.home, result.state.clone, false);
      if (!again) return result;
      lock = again;
      size = sizeOf(ref.file);
      attempt = 0;
      continue;
    } catch (error) {
      if (sizeOf(ref.file) !== size) {
        size = sizeOf(ref.file);
        until = s.now().getTime() + KEEP_TRYING_MS;
      }
      const delay = retryDelay(s, attempt);
      const nextAt = s.now().getTime() + delay;
      const giveUp =
        !worthRetrying(error) || nextAt > until || otherRetrier(readShareState(ref.dir));
      updateShareState(ref.dir, (state) => {
        const next = { ...state };
        delete next.retry;
        if (giveUp) return next;
        const message =
          error instanceof RemoteError
            ? error.reason
            : error instanceof Error
              ? error.message
              : String(error);
        const at = (ms: number) => new Date(ms).toISOString();
        return {
          ...next,
          retry: { attempt, nextAt: at(nextAt), until: at(until), message, pid: process.pid },
        };
      });
      lock.release();
      if (giveUp) throw error;
      await s.sleep(delay);
    }
    const state = readShareState(ref.dir);
    if (!state || eventsNotShared(ref.file, state) === 0) return undefined;
    const again = await takeLock(s.home, state.clone, false);
    if (!again) return undefined;
    lock = again;
  }
}

/** One quiet sync for `timeline --follow`: skipped when another holds the lock; a failure waits in share.json. */
export async function followSync(s: Sharer, ref: IncidentRef): Promise<void> {
  const lock = await takeLock(s.home, shareStateOf(s, ref).clone, false);
  if (!lock) return;
  try {
    await rounds(s, ref, lock);
  } catch {
    // syncAndKeep kept it in share.json: status says so.
  } finally {
    lock.release();
  }
}
