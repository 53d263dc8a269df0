// After an event is recorded on a shared incident, a sync starts in the
// background: detached, quiet, never waited for, so `oncall note` costs what
// it cost before sharing (what it does: background-sync.ts). One sync at a
// time per clone: when one is already running, nothing is started; it looks
// at the log again after it lets go of the lock, so the new event still goes
// out (the note appends before it looks at the lock, the sync lets go before
// it looks at the log: one of the two always sees the other).
// ONCALL_SYNC=off turns background syncs off (a metered line; `oncall sync` by hand).
import { join } from 'node:path';
import type { Context } from '../../context.js';
import type { ShareState } from '../../infra/share/share-state.js';
import { lockHolder } from '../../infra/share/sync-lock.js';
import { clonesDir } from '../../infra/store/paths.js';

/** The lock that keeps two git runs out of one clone (infra/share/sync-lock.ts). */
export function syncLockFile(home: string, clone: string): string {
  return join(clonesDir(home), `${clone}.lock`);
}

export function startBackgroundSync(
  ctx: Context,
  home: string,
  incidentId: string,
  state: ShareState,
): void {
  if (!ctx.startBackground || ctx.env.ONCALL_SYNC === 'off') return;
  if (lockHolder(syncLockFile(home, state.clone)) !== undefined) return;
  ctx.startBackground(['sync', '--background', '--incident', incidentId]);
}
