// The runbook an incident attached, read again from its file, and what is left
// of its walk: for the screens and texts that say where things stand (status,
// handoff). The file may have been edited, moved or broken since the walk: then
// there is no walk to show, never an error (`oncall runbook lint` says why).
import { join } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import type { WalkLeft } from '../../domain/render/models.js';
import { defaultNext, stepById, stepIndex } from '../../domain/runbook/steps.js';
import type { Step } from '../../domain/runbook/types.js';
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

/**
 * The steps still to do, from the current one on along the path a walk takes:
 * a step's `next` (or the following step), a decision already made through its
 * choice. Steps done or skipped on the way are passed over. The path ends at a
 * decision still to make (listed: what follows depends on it), at the end of the
 * runbook, or where it would loop.
 */
export function pathAhead(walk: WalkState): Step[] {
  const ahead: Step[] = [];
  const seen = new Set<string>();
  let id = walk.finished ? undefined : walk.current;
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const step = stepById(walk.runbook, id);
    if (!step) break;
    const decided = walk.decisions.get(id);
    const done = walk.completed.has(id) || walk.skipped.has(id);
    if (!done || id === walk.current) ahead.push(step);
    if (step.kind === 'decide' && !decided) break;
    id = decided ? decided.next : defaultNext(walk.runbook, id);
  }
  return ahead;
}

export function walkLeft(walk: WalkState, limit = 8): WalkLeft {
  const path = pathAhead(walk);
  return {
    total: walk.runbook.steps.length,
    finished: walk.finished,
    ahead: path.slice(0, limit).map((s) => ({
      n: stepIndex(walk.runbook, s.id) + 1,
      id: s.id,
      title: s.title,
      decide: s.kind === 'decide',
    })),
    more: Math.max(0, path.length - limit),
    skipped: [...walk.skipped].map(([stepId, reason]) => ({
      stepId,
      title: stepById(walk.runbook, stepId)?.title,
      reason,
    })),
  };
}
