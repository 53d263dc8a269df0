// The walk-through as a pure state machine. The position in a runbook is never
// stored: it is derived from the incident's events every time, so a walk that
// stopped for any reason (Ctrl-C, a crash, a closed laptop) resumes exactly
// where the log says it stopped. No clock, no files, no terminal here.
import {
  type EventHandlers,
  type EventInput,
  handleEvent,
  type OncallEvent,
} from '../incident/events.js';
import {
  noOutcomes,
  noteOutcome,
  type StepOutcomes,
  summarizeSteps,
  type WalkSummary,
} from '../incident/walk.js';
import { defaultNext, stepById, stepIndex } from '../runbook/steps.js';
import type { Runbook, Step } from '../runbook/types.js';
import { type CommandMark, StepCommands } from './commands.js';

interface AttachedRunbook {
  id: string;
  title: string;
  file: string;
  hash: string;
}

/** A command a step started that has no end in the log: it may or may not have run. */
interface InterruptedRun {
  stepId: string;
  runId: string;
  argv: string[];
  startedAt: string;
}

/** Where the walk stands, derived from the log; the step outcomes are the log's (incident/walk). */
export interface WalkState extends StepOutcomes {
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
  /** Per step, what became of its commands this pass (commands.ts): where inside a step the walk is. */
  commands: ReadonlyMap<string, ReadonlyMap<number, CommandMark>>;
}

/** A step's latest command, while the walk is derived: ended or not yet. */
type LastRun = InterruptedRun & { ended: boolean };

/** The walk being derived, with what only the derivation needs. */
interface Derivation {
  state: WalkState;
  /**
   * Per step, its latest command: a start without an end, not followed by the
   * step being done or skipped, is a run that was cut off.
   */
  lastRun: Map<string, LastRun>;
}

function startingWalk(runbook: Runbook, attached: AttachedRunbook | undefined): WalkState {
  return {
    runbook,
    attached,
    current: runbook.steps[0]?.id,
    currentStarted: false,
    finished: false,
    paused: false,
    ...noOutcomes(),
    variables: {},
    secretVariables: new Map(),
    trail: [],
    hashChanged: attached !== undefined && attached.hash !== runbook.hash,
    commands: new Map(),
  };
}

/** Leaves `fromStep` for `to`, remembering where we came from. */
function moveOn(state: WalkState, fromStep: string, to: string | undefined): void {
  state.trail.push(fromStep);
  state.current = to;
  state.currentStarted = false;
  state.finished = false;
}

/**
 * The step after `id`. A step the edited runbook no longer has keeps the
 * position on it, so `settleLostStep` can say so instead of silently jumping to the end.
 */
function after(runbook: Runbook, id: string): string | undefined {
  return stepById(runbook, id) ? defaultNext(runbook, id) : id;
}

/** What each event changes in the walk; the step outcomes themselves are noted by `noteOutcome`. */
const WALK: EventHandlers<Derivation> = {
  'step.started': ({ state }, e) => {
    state.current = e.stepId;
    state.currentStarted = true;
    state.finished = false;
  },
  'step.completed': ({ state, lastRun }, e) => {
    lastRun.delete(e.stepId);
    // A decide step moves on through its decision, never by a bare completion.
    if (stepById(state.runbook, e.stepId)?.kind !== 'decide') {
      moveOn(state, e.stepId, after(state.runbook, e.stepId));
    }
  },
  'step.skipped': ({ state, lastRun }, e) => {
    lastRun.delete(e.stepId);
    moveOn(state, e.stepId, after(state.runbook, e.stepId));
  },
  'step.decided': ({ state }, e) => moveOn(state, e.stepId, e.next),
  'step.answered': ({ state }, e) => {
    if (e.secret) {
      state.secretVariables.set(e.variable, e.stepId);
      delete state.variables[e.variable];
    } else if (e.value !== undefined) {
      state.variables[e.variable] = e.value;
      state.secretVariables.delete(e.variable);
    }
  },
  'walk.moved': ({ state }, e) => {
    if (e.reason === 'back') {
      if (state.trail.at(-1) === e.to) state.trail.pop();
    } else if (e.from !== undefined) {
      state.trail.push(e.from);
    }
    state.current = e.to;
    state.currentStarted = false;
    state.finished = false;
  },
  'walk.paused': ({ state }) => {
    state.paused = true;
  },
  'walk.finished': ({ state }) => {
    state.finished = true;
    state.current = undefined;
    state.currentStarted = false;
  },
  'command.started': ({ lastRun }, e) => {
    if (!e.stepId) return;
    const { stepId, runId, argv, ts: startedAt } = e;
    lastRun.set(stepId, { stepId, runId, argv, startedAt, ended: false });
  },
  'command.finished': ({ lastRun }, e) => {
    const run = e.stepId ? lastRun.get(e.stepId) : undefined;
    if (run && run.runId === e.runId) run.ended = true;
  },
};

/**
 * An edited runbook may have lost the step we were on: resume at the first
 * step not yet dealt with, and say which one went missing.
 */
function settleLostStep(state: WalkState): void {
  if (state.current === undefined || stepById(state.runbook, state.current)) return;
  state.lostStep = state.current;
  state.current = state.runbook.steps.find(
    (s) => !state.completed.has(s.id) && !state.skipped.has(s.id),
  )?.id;
  state.currentStarted = false;
}

/** The current step's command, when it started and never ended. */
function cutOffRun({ state, lastRun }: Derivation): InterruptedRun | undefined {
  const run = state.current !== undefined ? lastRun.get(state.current) : undefined;
  if (!run || run.ended) return undefined;
  const { ended: _ended, ...interrupted } = run;
  return interrupted;
}

/**
 * The walk derived from events given in log order, more of them as they are
 * appended: the walk reads only what was written since its last look. Each
 * runbook attachment starts the walk afresh (steps of a runbook attached
 * before are another walk).
 */
export class WalkDerivation {
  private walk: Derivation;
  private readonly commands = new StepCommands();

  constructor(
    readonly runbook: Runbook,
    events: readonly OncallEvent[] = [],
  ) {
    this.walk = { state: startingWalk(runbook, undefined), lastRun: new Map() };
    for (const e of events) this.add(e);
  }

  add(e: OncallEvent): void {
    // Of the notes (most of a night's log), the walk reads only a command's finding (StepCommands).
    if (e.type === 'note' && e.runId === undefined) return;
    if (e.type === 'runbook.attached') {
      this.walk = { state: startingWalk(this.runbook, e.runbook), lastRun: new Map() };
    }
    const walk = this.walk;
    if (e.type.startsWith('step.') || e.type.startsWith('walk.')) walk.state.paused = false;
    noteOutcome(walk.state, e);
    handleEvent(WALK, walk, e);
    this.commands.add(e);
  }

  /**
   * Where the walk stands now. Its position is settled on a copy (a lost step,
   * a cut-off run), so events added later derive from the log alone; the
   * step outcomes and answers are shared with later states.
   */
  get state(): WalkState {
    const state = { ...this.walk.state, commands: this.commands.marks };
    settleLostStep(state);
    const interrupted = cutOffRun({ state, lastRun: this.walk.lastRun });
    if (interrupted) state.interrupted = interrupted;
    return state;
  }
}

/** Derives the walk from the events of the most recent runbook attachment on. */
export function deriveWalk(runbook: Runbook, events: readonly OncallEvent[]): WalkState {
  return new WalkDerivation(runbook, events).state;
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
  /** A value given for a command's placeholder: kept as an answer, the step goes on. */
  | { type: 'fill'; name: string; value: string; secret: boolean }
  /** The command was changed before it ran: the original and the edit, as shown. */
  | { type: 'edit'; original: string; edited: string }
  /** A section's command (from 1) the responder chose not to run. */
  | { type: 'skipCommand'; command: number }
  | {
      type: 'waited';
      outcome: 'elapsed' | 'passed' | 'timed-out' | 'cancelled';
      waitedMs: number;
      /** Checks run, for a wait that polls one. */
      polls?: number;
    }
  | { type: 'back' }
  | { type: 'jump'; to: string }
  | { type: 'pause' }
  | { type: 'resume' }
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
    case 'fill':
    case 'edit':
    case 'skipCommand':
      return commandEvents(state, action);
    case 'waited': {
      const step = currentStep(state);
      const waited: EventInput = {
        type: 'step.waited',
        stepId: step.id,
        outcome: action.outcome,
        waitedMs: Math.max(0, Math.round(action.waitedMs)),
        ...(action.polls !== undefined ? { polls: action.polls } : {}),
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
    case 'resume':
      return [{ type: 'walk.resumed', ...(state.current ? { stepId: state.current } : {}) }];
    case 'finish':
      return [{ type: 'walk.finished', ...(action.summary ? { summary: action.summary } : {}) }];
  }
}

/** What a command's placeholder values, edits and skips record, at the current step. */
function commandEvents(
  state: WalkState,
  action: Extract<WalkAction, { type: 'fill' | 'edit' | 'skipCommand' }>,
): EventInput[] {
  const stepId = currentStep(state).id;
  if (action.type === 'skipCommand') {
    return [{ type: 'command.skipped', stepId, command: action.command }];
  }
  if (action.type === 'edit') {
    return [{ type: 'command.edited', stepId, original: action.original, edited: action.edited }];
  }
  const { name, value, secret } = action;
  return [
    secret
      ? { type: 'step.answered', stepId, variable: name, secret: true }
      : { type: 'step.answered', stepId, variable: name, value },
  ];
}

/** The walk's tally, in the runbook's order: what the end of the walk says and records. */
export function summarize(state: WalkState): WalkSummary {
  return summarizeSteps(
    state,
    state.runbook.steps.map((s) => s.id),
  );
}
