// The incident is a fold over its events: nothing here is ever stored twice.
// Pure code: no clock, no files. Events come in causal order (order.ts: the
// order every responder's laptop agrees on). What happened is told in `ts`
// order (stable), so a backfilled event (`--at`) lands where it happened, not
// where it was written; what was decided (severity, commander, impact, the
// next update due, the runbook) is the last decision in causal order
// (decide.ts), so a laptop whose clock runs behind cannot undo a later one.
// One pass, each event in constant time (maps by run id, by responder, by the
// normalised text of a hypothesis): a night's log of 100,000 events folds in
// the time it takes to read it. The walk keeps its fold and adds what was
// appended since (`IncidentFold`).
import { decideInCausalOrder, decisionTaken, inOwnClock } from './decide.js';
import {
  type EventHandlers,
  type EventOf,
  handleEvent,
  type OncallEvent,
  type Severity,
} from './events.js';
import { type ConfirmedCause, Ideas, type NoteEntry } from './ideas.js';
import { unverified } from './provenance.js';
import { type CommandRun, type WaitRun, Waits } from './runs.js';
import { byTime } from './told.js';

export type { CommandRun, NoteEntry };

type Status = 'active' | 'mitigated' | 'resolved';

interface SeverityPeriod {
  severity: Severity;
  from: string;
  to?: string;
  reason?: string;
}

/** The impact as it was said at a time: the first from the declaration, then each `oncall impact`. */
interface ImpactAt {
  ts: string;
  actor: string;
  impact: string;
}

export interface IncidentState {
  id: string;
  title: string;
  service?: string;
  alert?: string;
  /** The impact now: the last one said, in causal order (`impactHistory` has them all). */
  impact?: string;
  /** Every impact said, in time order: for the postmortem's impact over time. */
  impactHistory: ImpactAt[];
  severity: Severity;
  /** Most severe level reached (SEV1 is the most severe). */
  peakSeverity: Severity;
  severityHistory: SeverityPeriod[];
  status: Status;
  /** When it really began: `startedAt` if given, else the alert, detection or declaration, whichever came first. */
  startedAt: string;
  /** When it was noticed: `--detected-at`, else when the alert fired. */
  detectedAt?: string;
  /** When the alert fired (`start --alerted-at`, `--from`, the alert's own time): time to acknowledge counts from it. */
  alertedAt?: string;
  /** Where it came from (`start --from`): the PagerDuty incident or the Alertmanager alert. */
  source?: EventOf<'incident.opened'>['source'];
  /** Links the alert carried (the PagerDuty incident, the graph, the runbook_url). */
  links: { name: string; url: string }[];
  /** When the responder declared the incident (took it on): its first event. */
  acknowledgedAt: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  /** Who commands: who declared it, then whoever accepted a handoff. */
  commander: string;
  /** Everyone who wrote to the log or was handed the incident, in order of first appearance. */
  responders: string[];
  notes: NoteEntry[];
  /** Hypotheses neither ruled out nor confirmed (yet). */
  openHypotheses: NoteEntry[];
  ruledOut: NoteEntry[];
  /** Causes confirmed (`oncall note --confirmed`), each with the hypothesis it confirms: contributing factors. */
  confirmed: ConfirmedCause[];
  updates: EventOf<'update.sent'>[];
  lastUpdateAt?: string;
  /** When the next status update is due (null: no cadence at this severity; undefined: never set). */
  nextUpdateDue?: string | null;
  escalations: EventOf<'escalation'>[];
  handoffs: EventOf<'handoff'>[];
  /** Every command run, a wait's polls too (the full record). */
  commands: CommandRun[];
  /** A wait step's polls, each wait one item: counted once, told once (`commandItems`). */
  waits: WaitRun[];
  runbook?: EventOf<'runbook.attached'>['runbook'];
  drill: boolean;
  eventCount: number;
  lastEventAt: string;
  /**
   * The last handoff, offered and not yet accepted: the commander is still the
   * one who offered it until the incoming one accepts (`oncall handoff --accept`).
   */
  handoffOffered?: EventOf<'handoff'>;
}

const SEVERITY_RANK: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

export class EmptyIncidentError extends Error {
  constructor() {
    super('the log has no incident.opened event');
  }
}

/** The state as the incident.opened event declares it, before anything else happened. */
function openedState(
  opened: EventOf<'incident.opened'>,
  eventCount: number,
  clockOffMs = 0,
): IncidentState {
  // Without a start time said, it began no later than the alert fired or anyone noticed.
  const startedAt =
    opened.startedAt ??
    [opened.alertedAt, opened.detectedAt, opened.ts]
      .filter((t): t is string => t !== undefined)
      .reduce((a, b) => (b < a ? b : a));
  const impact = opened.impact;
  return {
    id: opened.incident,
    title: opened.title,
    service: opened.service,
    alert: opened.alert,
    impact,
    impactHistory: impact ? [{ ts: opened.ts, actor: opened.actor, impact }] : [],
    severity: opened.severity,
    peakSeverity: opened.severity,
    severityHistory: [{ severity: opened.severity, from: startedAt }],
    status: 'active',
    startedAt,
    // An alert that fired is how it was detected, unless something else said when.
    detectedAt: opened.detectedAt ?? opened.alertedAt,
    ...(opened.alertedAt ? { alertedAt: opened.alertedAt } : {}),
    ...(opened.source ? { source: opened.source } : {}),
    links: opened.links ?? [],
    acknowledgedAt: opened.ts,
    commander: opened.actor,
    responders: [],
    notes: [],
    openHypotheses: [],
    ruledOut: [],
    confirmed: [],
    updates: [],
    escalations: [],
    handoffs: [],
    commands: [],
    waits: [],
    drill: opened.drill === true,
    eventCount,
    lastEventAt: opened.ts,
    nextUpdateDue: inOwnClock(opened.nextUpdateDue, clockOffMs),
  };
}

/**
 * The state being folded, with the indexes that keep each event's work
 * constant: command runs by id (a finish finds its start), responders seen,
 * hypotheses (ideas.ts) and waits (waits.ts).
 */
interface Folding {
  state: IncidentState;
  runs: Map<string, CommandRun>;
  /** Responders seen: true for one who wrote to the log, false for one only handed the incident so far. */
  responders: Map<string, boolean>;
  ideas: Ideas;
  waits: Waits;
}

function addResponder(folding: Folding, who: string, wrote: boolean): void {
  const known = folding.responders.get(who);
  if (known === undefined) folding.state.responders.push(who);
  else if (known || !wrote) return;
  folding.responders.set(who, wrote);
}

/** Who wrote to the log, of a state's responders (the others were only handed it), for each state a fold made. */
const writers = new WeakMap<IncidentState, ReadonlyMap<string, boolean>>();

/**
 * The responders of `state` who wrote to the log (a handoff's receiver who never
 * did is left out), when a fold made `state`; undefined for a state made otherwise.
 */
export function writersOf(state: IncidentState): string[] | undefined {
  const seen = writers.get(state);
  return seen && state.responders.filter((who) => seen.get(who) === true);
}

function severityChanged(state: IncidentState, e: EventOf<'severity.changed'>): void {
  const current = state.severityHistory.at(-1);
  if (current) current.to = e.ts;
  state.severityHistory.push({ severity: e.to, from: e.ts, reason: e.reason });
  state.peakSeverity = moreSevere(state.peakSeverity, e.to);
}

/**
 * What each event adds to the incident's story. incident.opened made the
 * starting state; decisions are taken in decide.ts; walk-through events
 * (step.*, walk.*) are folded by the runbook walker.
 */
const FOLD: EventHandlers<Folding> = {
  'incident.mitigated': ({ state }, e) => {
    state.mitigatedAt ??= e.ts;
    if (state.status === 'active') state.status = 'mitigated';
  },
  'incident.resolved': ({ state }, e) => {
    state.resolvedAt ??= e.ts;
    state.status = 'resolved';
  },
  'severity.changed': ({ state }, e) => severityChanged(state, e),
  'impact.changed': ({ state }, e) => {
    state.impactHistory.push({ ts: e.ts, actor: e.actor, impact: e.impact });
  },
  note: ({ ideas, runs }, e) => {
    ideas.taken(e);
    // A finding about a command that failed as expected: that run is no loose end.
    const run = e.runId ? runs.get(e.runId) : undefined;
    if (run) run.finding = e.text;
  },
  'update.sent': ({ state }, e) => {
    state.updates.push(e);
    state.lastUpdateAt = e.ts;
  },
  escalation: ({ state }, e) => {
    state.escalations.push(e);
  },
  handoff: (folding, e) => {
    folding.state.handoffs.push(e);
    addResponder(folding, e.to, false);
  },
  'command.started': ({ state, runs, waits }, e) => {
    const run: CommandRun = {
      runId: e.runId,
      argv: e.argv,
      shell: e.shell,
      via: e.via,
      cwd: e.cwd,
      stepId: e.stepId,
      startedAt: e.ts,
      actor: e.actor,
      drill: e.drill,
      ...(e.poll !== undefined ? { poll: e.poll } : {}),
    };
    runs.set(e.runId, run);
    state.commands.push(run);
    if (run.poll !== undefined) waits.polled(run);
  },
  'command.finished': ({ runs }, e) => {
    const run = runs.get(e.runId);
    if (!run) return;
    run.finishedAt = e.ts;
    run.exitCode = e.exitCode;
    run.signal = e.signal;
    run.durationMs = e.durationMs;
    run.outputTail = e.outputTail;
    run.interrupted = e.interrupted;
    if (e.failedLine !== undefined) run.failedLine = e.failedLine;
  },
  'step.waited': ({ waits }, e) => waits.ended(e),
};

/** How a fold reads the events. */
interface FoldOptions {
  /**
   * How far each responder's clock is off from this laptop's (ms, + ahead):
   * the next update they promised is due that much earlier here.
   */
  clocks?: Readonly<Record<string, number>>;
}

/** What an event this laptop cannot vouch for (provenance.ts) adds: its words, flagged; no decision. */
function foldUnverified(folding: Folding, e: OncallEvent, why: string): void {
  const flag = `[unverified: ${why}]`;
  if (e.type === 'note') folding.ideas.taken({ ...e, text: `${flag} ${e.text}` });
  // A run of its own: it can neither replace nor finish one its responder recorded.
  else if (e.type === 'command.started' && !folding.runs.has(e.runId)) {
    handleEvent(FOLD, folding, { ...e, actor: `${e.actor} ${flag}` });
    const run = folding.runs.get(e.runId);
    if (run) run.unverified = true;
  } else if (e.type === 'command.finished' && folding.runs.get(e.runId)?.unverified) {
    handleEvent(FOLD, folding, e);
  }
}

/**
 * A fold that takes more events as they are appended: the walk reads only what
 * was written since its last look. Appended events come last in causal order
 * (this responder's own log, whose clock is past everything it saw); one that
 * is told earlier (a note backfilled from another terminal) is refused, and
 * the caller folds the whole log again.
 */
export class IncidentFold {
  private readonly folding: Folding;
  /** The latest `ts` folded, and the latest of a backfilled event. */
  private lastTs = '';
  private lastBackfilledTs = '';

  /** Folds `events`, given in causal order (one log's order is its own): told in time order, decided in causal order. */
  constructor(
    events: readonly OncallEvent[],
    private readonly options: FoldOptions = {},
  ) {
    const ordered = byTime(events);
    const isOpened = (e: OncallEvent): e is EventOf<'incident.opened'> =>
      e.type === 'incident.opened';
    const opened =
      ordered.find((e): e is EventOf<'incident.opened'> => isOpened(e) && !unverified(e)) ??
      ordered.find(isOpened);
    if (!opened) throw new EmptyIncidentError();
    const state = openedState(opened, 0, options.clocks?.[opened.actor]);
    this.folding = {
      state,
      runs: new Map(),
      responders: new Map(),
      ideas: new Ideas(state),
      waits: new Waits(state.waits),
    };
    writers.set(state, this.folding.responders);
    for (const e of ordered) this.fold(e);
    decideInCausalOrder(this.folding.state, events, options.clocks);
  }

  /** Folds one more event; false, folding nothing, when it is told before one already folded. */
  add(e: OncallEvent): boolean {
    if (e.ts < (e.recordedAt !== undefined ? this.lastTs : this.lastBackfilledTs)) return false;
    this.fold(e);
    decisionTaken(this.folding.state, e, this.options.clocks);
    return true;
  }

  private fold(e: OncallEvent): void {
    const { state } = this.folding;
    if (e.ts > this.lastTs) this.lastTs = e.ts;
    if (e.recordedAt !== undefined && e.ts > this.lastBackfilledTs) this.lastBackfilledTs = e.ts;
    state.eventCount += 1;
    const why = unverified(e);
    if (why !== undefined) {
      foldUnverified(this.folding, e, why);
      return;
    }
    addResponder(this.folding, e.actor, true);
    if (e.ts > state.lastEventAt) state.lastEventAt = e.ts;
    handleEvent(FOLD, this.folding, e);
  }

  /** The incident as folded so far. Later `add`s change this same object. */
  get state(): IncidentState {
    this.folding.ideas.settle();
    return this.folding.state;
  }
}

/** The incident from its events, given in causal order (one log's order is its own). */
export function foldIncident(
  events: readonly OncallEvent[],
  options: FoldOptions = {},
): IncidentState {
  return new IncidentFold(events, options).state;
}
