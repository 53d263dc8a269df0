// The walk-through as a pure state machine. The position in a runbook is never
// stored: it is derived from the incident's events every time, so a walk that
// stopped for any reason (Ctrl-C, a crash, a closed laptop) resumes exactly
// where the log says it stopped. No clock, no files, no terminal here.
import type { EventInput, OncallEvent } from '../incident/events.js';
import { defaultNext, stepById, stepIndex } from '../runbook/steps.js';
import type { Runbook, Step } from '../runbook/types.js';

export interface AttachedRunbook {
  id: string;
  title: string;
  file: string;
  hash: string;
}

/** A command a step started that has no end in the log: it may or may not have run. */
export interface InterruptedRun {
  stepId: string;
  runId: string;
  argv: string[];
  startedAt: string;
}

export interface WalkState {
  runbook: Runbook;
  attached?: AttachedRunbook;
  /** The step to show now; undefined when every step is behind us (or the walk finished). */
  current?: string;
  /** True once `step.started` was recorded for the current step (so it is not recorded twice). */
  currentStarted: boolean;
  /** walk.finished was recorded. */
  finished: boolean;
  /** The last walk event was walk.paused. */
  paused: boolean;
  completed: Set<string>;
  skipped: Map<string, string>;
  decisions: Map<string, { choice: string; next: string }>;
  /** Non-secret answers of `ask` steps. */
  variables: Record<string, string>;
  /** Variables answered as secret: the value never entered the log, so ask again when needed. */
  secretVariables: Map<string, string>;
  /** Steps we came from, most recent last: where "go back" leads. */
  trail: string[];
  interrupted?: InterruptedRun;
  /** The runbook file's hash differs from the one recorded when it was attached. */
  hashChanged: boolean;
  /** The logged position names a step the (edited) runbook no longer has. */
  lostStep?: string;
}

/** Derives the walk from the events of the most recent runbook attachment on. */
export function deriveWalk(runbook: Runbook, events: readonly OncallEvent[]): WalkState {
  let from = 0;
  let attached: AttachedRunbook | undefined;
  events.forEach((e, i) => {
    if (e.type === 'runbook.attached') {
      from = i;
      attached = e.runbook;
    }
  });
  const state: WalkState = {
    runbook,
    attached,
    current: runbook.steps[0]?.id,
    currentStarted: false,
    finished: false,
    paused: false,
    completed: new Set(),
    skipped: new Map(),
    decisions: new Map(),
    variables: {},
    secretVariables: new Map(),
    trail: [],
    hashChanged: attached !== undefined && attached.hash !== runbook.hash,
  };
  // Per step, its latest command: a start without an end, not followed by the
  // step being done or skipped, is a run that was cut off.
  const lastRun = new Map<string, InterruptedRun & { ended: boolean }>();

  const moveOn = (fromStep: string, to: string | undefined) => {
    state.trail.push(fromStep);
    state.current = to;
    state.currentStarted = false;
    state.finished = false;
  };
  // A step the edited runbook no longer has keeps the position on it, so the
  // check below can say so instead of silently jumping to the end.
  const after = (id: string) => (stepById(runbook, id) ? defaultNext(runbook, id) : id);

  for (const e of events.slice(from)) {
    if (e.type.startsWith('step.') || e.type.startsWith('walk.')) state.paused = false;
    switch (e.type) {
      case 'step.started':
        state.current = e.stepId;
        state.currentStarted = true;
        state.finished = false;
        break;
      case 'step.completed':
        state.completed.add(e.stepId);
        state.skipped.delete(e.stepId);
        lastRun.delete(e.stepId);
        // A decide step moves on through its decision, never by a bare completion.
        if (stepById(runbook, e.stepId)?.kind !== 'decide') moveOn(e.stepId, after(e.stepId));
        break;
      case 'step.skipped':
        state.skipped.set(e.stepId, e.reason);
        state.completed.delete(e.stepId);
        lastRun.delete(e.stepId);
        moveOn(e.stepId, after(e.stepId));
        break;
      case 'step.decided':
        state.decisions.set(e.stepId, { choice: e.choice, next: e.next });
        state.completed.add(e.stepId);
        state.skipped.delete(e.stepId);
        moveOn(e.stepId, e.next);
        break;
      case 'step.answered':
        if (e.secret) {
          state.secretVariables.set(e.variable, e.stepId);
          delete state.variables[e.variable];
        } else if (e.value !== undefined) {
          state.variables[e.variable] = e.value;
          state.secretVariables.delete(e.variable);
        }
        break;
      case 'walk.moved':
        if (e.reason === 'back') {
          if (state.trail.at(-1) === e.to) state.trail.pop();
        } else if (e.from !== undefined) {
          state.trail.push(e.from);
        }
        state.current = e.to;
        state.currentStarted = false;
        state.finished = false;
        break;
      case 'walk.paused':
        state.paused = true;
        break;
      case 'walk.finished':
        state.finished = true;
        state.current = undefined;
        state.currentStarted = false;
        break;
      case 'command.started':
        if (e.stepId) {
          lastRun.set(e.stepId, {
            stepId: e.stepId,
            runId: e.runId,
            argv: e.argv,
            startedAt: e.ts,
            ended: false,
          });
        }
        break;
      case 'command.finished': {
        const run = e.stepId ? lastRun.get(e.stepId) : undefined;
        if (run && run.runId === e.runId) run.ended = true;
        break;
      }
      default:
        break;
    }
  }

  // An edited runbook may have lost the step we were on: resume at the first
  // step not yet dealt with, and say which one went missing.
  if (state.current !== undefined && !stepById(runbook, state.current)) {
    state.lostStep = state.current;
    state.current = runbook.steps.find(
      (s) => !state.completed.has(s.id) && !state.skipped.has(s.id),
    )?.id;
    state.currentStarted = false;
  }
  const run = state.current !== undefined ? lastRun.get(state.current) : undefined;
  if (run && !run.ended) {
    const { ended: _ended, ...interrupted } = run;
    state.interrupted = interrupted;
  }
  return state;
}

/** Where "go back" leads: the step we came from, else the previous one in the file. */
export function backTarget(state: WalkState): string | undefined {
  const fromTrail = [...state.trail].reverse().find((id) => stepById(state.runbook, id));
  if (fromTrail !== undefined && fromTrail !== state.current) return fromTrail;
  const steps = state.runbook.steps;
  if (state.current === undefined) return steps.at(-1)?.id;
  const index = stepIndex(state.runbook, state.current);
  return index > 0 ? steps[index - 1]?.id : undefined;
}

/** "Step n of N" for the current step (n is 0 when there is none). */
export function progress(state: WalkState): { n: number; total: number } {
  return { n: stepIndex(state.runbook, state.current) + 1, total: state.runbook.steps.length };
}

export type WalkAction =
  | { type: 'enter' }
  | { type: 'complete'; note?: string }
  | { type: 'skip'; reason: string }
  | { type: 'decide'; choice: string }
  | { type: 'answer'; value: string; secret: boolean }
  | {
      type: 'waited';
      outcome: 'elapsed' | 'passed' | 'timed-out' | 'cancelled';
      waitedMs: number;
    }
  | { type: 'back' }
  | { type: 'jump'; to: string }
  | { type: 'pause' }
  | { type: 'finish'; summary?: string };

export class WalkError extends Error {}

function currentStep(state: WalkState): Step {
  const step = stepById(state.runbook, state.current);
  if (!step) throw new WalkError('there is no current step');
  return step;
}

/**
 * The events that record an action at the current position. The caller writes
 * them (in one append) and derives the state again: the log stays the only truth.
 */
export function eventsFor(state: WalkState, action: WalkAction): EventInput[] {
  switch (action.type) {
    case 'enter': {
      if (state.current === undefined || state.currentStarted) return [];
      return [{ type: 'step.started', stepId: state.current }];
    }
    case 'complete': {
      const step = currentStep(state);
      const note = action.note?.trim();
      return [{ type: 'step.completed', stepId: step.id, ...(note ? { note } : {}) }];
    }
    case 'skip': {
      const step = currentStep(state);
      const reason = action.reason.trim();
      if (!reason) throw new WalkError('a skip needs a reason');
      return [{ type: 'step.skipped', stepId: step.id, reason }];
    }
    case 'decide': {
      const step = currentStep(state);
      if (step.kind !== 'decide') throw new WalkError(`${step.id} is not a decision`);
      const choice = step.choices.find((c) => c.label === action.choice);
      if (!choice) throw new WalkError(`${step.id} has no choice "${action.choice}"`);
      return [{ type: 'step.decided', stepId: step.id, choice: choice.label, next: choice.goto }];
    }
    case 'answer': {
      const step = currentStep(state);
      if (step.kind !== 'ask') throw new WalkError(`${step.id} asks nothing`);
      // A secret's value never enters the log; only that it was given.
      const answered: EventInput = action.secret
        ? { type: 'step.answered', stepId: step.id, variable: step.variable, secret: true }
        : { type: 'step.answered', stepId: step.id, variable: step.variable, value: action.value };
      return [answered, { type: 'step.completed', stepId: step.id }];
    }
    case 'waited': {
      const step = currentStep(state);
      const waited: EventInput = {
        type: 'step.waited',
        stepId: step.id,
        outcome: action.outcome,
        waitedMs: Math.max(0, Math.round(action.waitedMs)),
      };
      return [waited];
    }
    case 'back': {
      const to = backTarget(state);
      if (to === undefined) throw new WalkError('there is no step before this one');
      return [
        {
          type: 'walk.moved',
          ...(state.current ? { from: state.current } : {}),
          to,
          reason: 'back',
        },
      ];
    }
    case 'jump': {
      if (!stepById(state.runbook, action.to)) throw new WalkError(`no step "${action.to}"`);
      return [
        {
          type: 'walk.moved',
          ...(state.current ? { from: state.current } : {}),
          to: action.to,
          reason: 'jump',
        },
      ];
    }
    case 'pause':
      return [{ type: 'walk.paused', ...(state.current ? { stepId: state.current } : {}) }];
    case 'finish':
      return [{ type: 'walk.finished', ...(action.summary ? { summary: action.summary } : {}) }];
  }
}

export interface WalkSummary {
  done: number;
  skipped: { stepId: string; reason: string }[];
  decisions: { stepId: string; choice: string }[];
  untouched: number;
}

export function summarize(state: WalkState): WalkSummary {
  const ids = state.runbook.steps.map((s) => s.id);
  return {
    done: ids.filter((id) => state.completed.has(id)).length,
    skipped: ids
      .filter((id) => state.skipped.has(id))
      .map((stepId) => ({ stepId, reason: state.skipped.get(stepId) ?? '' })),
    decisions: ids
      .filter((id) => state.decisions.has(id))
      .map((stepId) => ({ stepId, choice: state.decisions.get(stepId)?.choice ?? '' })),
    untouched: ids.filter(
      (id) => !state.completed.has(id) && !state.skipped.has(id) && !state.decisions.has(id),
    ).length,
  };
}
