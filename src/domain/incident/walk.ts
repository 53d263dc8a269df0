// What the log says a runbook walk did with its steps: which were done, which
// skipped (and why), which decided (and which way), and whether the walk was
// finished. One reading of the step events for everyone: the walk machine
// builds its position on it, and the drill's debrief, `oncall status` and the
// texts (handoff, postmortem) read it from the events alone, so they agree with
// the walk and still work when the runbook file is gone. Pure: events in.

import type { OncallEvent } from './events.js';
import { ofTypes, ofTypesFrom } from './of-types.js';

export interface StepOutcomes {
  /** Steps done; a decided step counts as done. */
  completed: Set<string>;
  /** Steps skipped, with why. Doing a step later takes it off. */
  skipped: Map<string, string>;
  /** Decide steps and the choice made (the latest one). */
  decisions: Map<string, { choice: string; next: string }>;
}

export function noOutcomes(): StepOutcomes {
  return { completed: new Set(), skipped: new Map(), decisions: new Map() };
}

/**
 * Notes what one event says about a step; the latest word on a step wins (done
 * after skipped is done, skipped after done is skipped). Other events say nothing.
 */
export function noteOutcome(outcomes: StepOutcomes, e: OncallEvent): void {
  switch (e.type) {
    case 'step.completed':
      outcomes.completed.add(e.stepId);
      outcomes.skipped.delete(e.stepId);
      break;
    case 'step.skipped':
      outcomes.skipped.set(e.stepId, e.reason);
      outcomes.completed.delete(e.stepId);
      break;
    case 'step.decided':
      outcomes.decisions.set(e.stepId, { choice: e.choice, next: e.next });
      outcomes.completed.add(e.stepId);
      outcomes.skipped.delete(e.stepId);
      break;
    default:
      break;
  }
}

/**
 * Where the current walk begins in the log: at the latest runbook attachment
 * (0 when there is none). Steps of a runbook attached before are another walk.
 */
export function walkStart(events: readonly OncallEvent[]): number {
  const attached = ofTypes(events, 'runbook.attached').at(-1);
  // By identity from the end: no event is looked into.
  return attached ? Math.max(0, events.lastIndexOf(attached)) : 0;
}

interface SkippedStep {
  stepId: string;
  reason: string;
  /** When it was skipped (the latest time). */
  ts: string;
}

interface WalkRecord extends StepOutcomes {
  /** walk.finished was recorded, and no step was taken up again since. */
  finished: boolean;
  /** The steps still skipped, in the order they were skipped. */
  skippedSteps: SkippedStep[];
}

/** Events that take a step up again after walk.finished. */
const REOPENS_TYPES = [
  'step.started',
  'step.completed',
  'step.skipped',
  'step.decided',
  'walk.moved',
] as const;
const REOPENS: ReadonlySet<string> = new Set(REOPENS_TYPES);

/** The current walk as the log tells it, without the runbook. */
export function walkRecord(events: readonly OncallEvent[]): WalkRecord {
  const outcomes = noOutcomes();
  const skippedAt = new Map<string, string>();
  let finished = false;
  // Only the events that tell a step's outcome, or take one up again.
  for (const e of ofTypesFrom(events, walkStart(events), ...REOPENS_TYPES, 'walk.finished')) {
    noteOutcome(outcomes, e);
    if (e.type === 'step.skipped') skippedAt.set(e.stepId, e.ts);
    if (e.type === 'walk.finished') finished = true;
    else if (REOPENS.has(e.type)) finished = false;
  }
  const skippedSteps = [...outcomes.skipped].map(([stepId, reason]) => ({
    stepId,
    reason,
    ts: skippedAt.get(stepId) ?? '',
  }));
  return { ...outcomes, finished, skippedSteps };
}

/** The steps a walk has dealt with, in a tally: what the end of a walk and a drill's debrief say. */
export interface WalkSummary {
  done: number;
  skipped: { stepId: string; reason: string }[];
  decisions: { stepId: string; choice: string }[];
  /** Steps of the runbook not dealt with (0 when the runbook is not known). */
  untouched: number;
}

/**
 * The tally of `outcomes`: in the runbook's order when its step ids are given
 * (steps it no longer has are left out), else each list in the order of the log.
 */
export function summarizeSteps(outcomes: StepOutcomes, stepIds?: readonly string[]): WalkSummary {
  const { completed, skipped, decisions } = outcomes;
  const ids = stepIds ?? [...new Set([...completed, ...skipped.keys(), ...decisions.keys()])];
  return {
    done: ids.filter((id) => completed.has(id)).length,
    skipped: ids
      .filter((id) => skipped.has(id))
      .map((stepId) => ({ stepId, reason: skipped.get(stepId) ?? '' })),
    decisions: ids
      .filter((id) => decisions.has(id))
      .map((stepId) => ({ stepId, choice: decisions.get(stepId)?.choice ?? '' })),
    untouched: ids.filter((id) => !completed.has(id) && !skipped.has(id) && !decisions.has(id))
      .length,
  };
}
