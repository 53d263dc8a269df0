// The runbook an incident attached, read again from its file, and its walk
// derived from the events: for the screens and texts that say where things
// stand (status, handoff). The file may have been edited, moved or broken since
// the walk: then there is no walk to show, never an error (`oncall runbook lint` says why).
import { join } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { deriveWalk, type WalkState } from '../../domain/walk/machine.js';
import { UsageError } from '../../errors.js';
import { loadRunbookCached } from '../../infra/runbooks/cached.js';
import { packageVersion } from '../../version.js';

/**
 * The attached runbook as its file reads now; undefined when none was attached
 * or its file does not load. Its parse is kept under `home` (see runbook/cached.ts).
 */
export async function attachedRunbook(
  state: IncidentState,
  home: string,
): Promise<Runbook | undefined> {
  if (!state.runbook) return undefined;
  try {
    const cache = { dir: join(home, 'cache', 'runbooks'), version: packageVersion() };
    return await loadRunbookCached(state.runbook.file, cache);
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/** The walk of the attached runbook, derived from the events; undefined when its file does not load. */
export async function attachedWalk(
  state: IncidentState,
  events: readonly OncallEvent[],
  home: string,
): Promise<WalkState | undefined> {
  const runbook = await attachedRunbook(state, home);
  return runbook ? deriveWalk(runbook, events) : undefined;
}
