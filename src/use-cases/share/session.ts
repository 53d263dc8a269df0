// Working in a remote's clone: take its lock (every git run in a clone holds
// it, infra/share/sync-lock.ts), open the clone (tidied when the last holder
// never let go), do the work, let go. When git says the clone is damaged (a
// truncated object, a torn pack), it is set aside and made again, and the work
// done once more: the remote and the own log hold everything it held.
import { setTimeout as sleep } from 'node:timers/promises';
import { OncallError } from '../../errors.js';
import { type Clone, makeClone, openClone } from '../../infra/share/clone.js';
import { setAside } from '../../infra/share/clone-repair.js';
import { LocalGitError } from '../../infra/share/git-errors.js';
import { signingSettings } from '../../infra/share/signing.js';
import { type HeldLock, holdLock, trySyncLock } from '../../infra/share/sync-lock.js';
import { ensureDir } from '../../infra/store/incidents.js';
import { clonesDir } from '../../infra/store/paths.js';
import { syncLockFile } from './background.js';
import type { Sharer } from './sync.js';

/** How long a typed command waits for a sync already running (a background one) to finish. */
const LOCK_WAIT_MS = 60_000;

/**
 * The clone's lock, taken: at once (`wait` false: undefined when someone holds
 * it), or waiting up to a minute (a typed command).
 */
export async function takeLock(
  home: string,
  clone: string,
  wait: boolean,
): Promise<HeldLock | undefined> {
  ensureDir(clonesDir(home));
  const file = syncLockFile(home, clone);
  // A wait measured on the monotonic clock; the lock's own times are the processes' real ones.
  const deadline = performance.now() + (wait ? LOCK_WAIT_MS : 0);
  for (;;) {
    const taken = trySyncLock(file);
    if (taken) return holdLock(file, taken);
    if (performance.now() >= deadline) {
      if (!wait) return undefined;
      throw new OncallError(
        'another sync has held the lock for a minute; try `oncall sync` again in a moment.',
      );
    }
    await sleep(100);
  }
}

interface CloneAt {
  remote: string;
  /** The clone's folder name under ONCALL_HOME/share/. */
  name: string;
}

/** Does `work` in the clone, under a lock already held; a damaged clone is made again, once. */
export async function inClone<T>(
  s: Sharer,
  at: CloneAt,
  lock: HeldLock,
  work: (clone: Clone) => Promise<T>,
): Promise<T> {
  const clone = await openClone({
    home: s.home,
    name: at.name,
    remote: at.remote,
    env: s.env,
    lock,
    ...(s.limits ? { limits: s.limits } : {}),
    ...(s.signing ? { signing: signingSettings(s.signing) } : {}),
    now: s.now(),
  });
  try {
    return await work(clone);
  } catch (error) {
    if (!(error instanceof LocalGitError) || !error.damaged) throw error;
    setAside(clone.dir, s.now());
    return work(await makeClone(clone));
  }
}

/** Takes the lock (waiting, as a typed command does), works in the clone, lets go. */
export async function withClone<T>(
  s: Sharer,
  at: CloneAt,
  work: (clone: Clone) => Promise<T>,
): Promise<T> {
  const lock = (await takeLock(s.home, at.name, true)) as HeldLock;
  try {
    return await inClone(s, at, lock, work);
  } finally {
    lock.release();
  }
}
