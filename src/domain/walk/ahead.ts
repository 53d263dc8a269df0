// What is left of a walk, from the runbook and the events alone: for the texts
// that say where things stand (status, handoff).
import { defaultNext, stepById, stepIndex } from '../runbook/steps.js';
import type { Step } from '../runbook/types.js';
import type { WalkState } from './machine.js';

/** What a handoff says about the runbook: plain data, so rendering stays pure. */
export interface WalkLeft {
  /** Steps in the runbook. */
  total: number;
  finished: boolean;
  /** The first steps still to do (see pathAhead), at most `limit`; `n` is the step's number in the file. */
  ahead: { n: number; id: string; title: string; decide: boolean }[];
  /** Steps on the path after the listed ones. */
  more: number;
  skipped: { stepId: string; title?: string; reason: string }[];
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
