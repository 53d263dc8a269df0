// The runbook an incident attached, read again from its file, and its walk
// derived from the events: for the screens and texts that say where things
// stand (status, handoff). The file may have been edited, moved or broken since
// the walk: then there is no walk to show, never an error (`oncall runbook lint` says why).
import { join } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { deriveWalk, type WalkState } from '../../domain/walk/machine.js';
import { UsageError } from '../../errors.js';
import { loadRunbookCached } from '../../infra/runbooks/cached.js';
import { packageVersion } from '../../version.js';

/**
 * The walk of the attached runbook, derived from the events; undefined when its
 * file does not load. The runbook's parse is kept under `home` (see runbook/cached.ts).
 */
export async function attachedWalk(
  state: IncidentState,
  events: readonly OncallEvent[],
  home: string,
): Promise<WalkState | undefined> {
  if (!state.runbook) return undefined;
  try {
    const cache = { dir: join(home, 'cache', 'runbooks'), version: packageVersion() };
    return deriveWalk(await loadRunbookCached(state.runbook.file, cache), events);
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}
