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
  type NoteKind,
  type OncallEvent,
  type Severity,
} from './events.js';
import { unverified } from './provenance.js';
import { byTime } from './told.js';

export type Status = 'active' | 'mitigated' | 'resolved';

export interface SeverityPeriod {
  severity: Severity;
  from: string;
  to?: string;
  reason?: string;
}

export interface CommandRun {
  runId: string;
  argv: string[];
  shell?: string;
  /** `shell`: typed by the responder in their own shell; argv is the line as typed. */
  via?: 'shell';
  cwd: string;
  stepId?: string;
  startedAt: string;
  actor: string;
  finishedAt?: string;
  exitCode?: number | null;
  signal?: string;
  durationMs?: number;
  outputTail?: string;
  interrupted?: boolean;
  drill?: boolean;
  /** The line (from 1) of a several-line command that failed. */
  failedLine?: number;
  /** The responder's finding when it failed as expected: its failure is no loose end. */
  finding?: string;
  /** Recorded in a file that is not its actor's (provenance.ts): `actor` says so. */
  unverified?: true;
}

export interface NoteEntry {
  id: string;
  ts: string;
  actor: string;
  kind: NoteKind;
  text: string;
}

export interface IncidentState {
  id: string;
  title: string;
  service?: string;
  alert?: string;
  impact?: string;
  severity: Severity;
  /** Most severe level reached (SEV1 is the most severe). */
  peakSeverity: Severity;
  severityHistory: SeverityPeriod[];
  status: Status;
  /** When it really began: `startedAt` if given, else the alert, detection or declaration, whichever came first. */
  startedAt: string;
  /** When it was noticed: `--detected-at`, else when the alert fired. */
  detectedAt?: string;
  /** When the alert fired (`start --from`, the alert's own time): time to acknowledge counts from it. */
  alertedAt?: string;
  /** Where it came from (`start --from`): the PagerDuty incident or the Alertmanager alert. */
  source?: EventOf<'incident.opened'>['source'];
  /** Links the alert carried (the PagerDuty incident, the graph, the runbook_url). */
  links: { name: string; url: string }[];
  acknowledgedAt: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  commander: string;
  /** Everyone who wrote to the log or was handed the incident, in order of first appearance. */
  responders: string[];
  notes: NoteEntry[];
  /** Hypotheses not (yet) ruled out. */
  openHypotheses: NoteEntry[];
  ruledOut: NoteEntry[];
  updates: EventOf<'update.sent'>[];
  lastUpdateAt?: string;
  /** When the next status update is due (null: no cadence at this severity; undefined: never set). */
  nextUpdateDue?: string | null;
  escalations: EventOf<'escalation'>[];
  handoffs: EventOf<'handoff'>[];
  commands: CommandRun[];
  runbook?: EventOf<'runbook.attached'>['runbook'];
  drill: boolean;
  eventCount: number;
  lastEventAt: string;
  /** The last handoff, until the incoming commander accepts it (`oncall handoff --accept`). */
  pendingHandoff?: EventOf<'handoff'>;
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

/**
 * The key a ruled-out note and the hypothesis it closes share: the text, trimmed,
 * case-insensitive, runs of blanks as one space.
 */
export function ideaOf(text: string): string {
  const lower = text.toLowerCase();
  // Most notes are already trimmed and single-spaced: the replace is the costly part.
  return BLANKS_TO_FOLD.test(lower) ? lower.trim().replace(/\s+/g, ' ') : lower;
}

/** A blank at either end, two in a row, or one that is not a plain space. */
const BLANKS_TO_FOLD = /^\s|\s$|\s\s|[^\S ]/;

/** The state as the incident.opened event declares it, before anything else happened. */
function openedState(
  opened: EventOf<'incident.opened'>,
  eventCount: number,
  clockOffMs = 0,
): IncidentState {
  // Unless said, it began when the alert fired (no later), else when it was declared.
  const alerted = opened.alertedAt && opened.alertedAt < opened.ts ? opened.alertedAt : undefined;
  const startedAt = opened.startedAt ?? alerted ?? opened.ts;
  return {
    id: opened.incident,
    title: opened.title,
    service: opened.service,
    alert: opened.alert,
    impact: opened.impact,
    severity: opened.severity,
    peakSeverity: opened.severity,
    severityHistory: [{ severity: opened.severity, from: startedAt }],
    status: 'active',
    startedAt,
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
    updates: [],
    escalations: [],
    handoffs: [],
    commands: [],
    drill: opened.drill === true,
    eventCount,
    lastEventAt: opened.ts,
    nextUpdateDue: inOwnClock(opened.nextUpdateDue, clockOffMs),
  };
}

/**
 * The state being folded, with the indexes that keep each event's work
 * constant: command runs by id (a finish finds its start), responders seen,
 * and hypotheses by idea (a ruled-out note closes its hypotheses without a scan).
 */
interface Folding {
  state: IncidentState;
  runs: Map<string, CommandRun>;
  responders: Set<string>;
  /** Ideas ruled out so far: a hypothesis of one of them never opens. */
  ruledOutIdeas: Set<string>;
  /** Hypotheses in the order they were noted; a closed one leaves a hole, so closing is O(1). */
  opened: (NoteEntry | undefined)[];
  /** Where in `opened` the open hypotheses of each idea are. */
  openByIdea: Map<string, number[]>;
  /** A hypothesis was closed since `state.openHypotheses` was last written from `opened`. */
  closed: boolean;
}

function addResponder(folding: Folding, who: string): void {
  if (folding.responders.has(who)) return;
  folding.responders.add(who);
  folding.state.responders.push(who);
}

function noteTaken(folding: Folding, e: EventOf<'note'>): void {
  const { state } = folding;
  const entry: NoteEntry = { id: e.id, ts: e.ts, actor: e.actor, kind: e.kind, text: e.text };
  state.notes.push(entry);
  // A backfilled ruled-out can sort before its hypothesis: it still closes it.
  if (e.kind === 'hypothesis') {
    const idea = ideaOf(e.text);
    if (folding.ruledOutIdeas.has(idea)) return;
    const at = folding.opened.push(entry) - 1;
    state.openHypotheses.push(entry);
    const same = folding.openByIdea.get(idea);
    if (same) same.push(at);
    else folding.openByIdea.set(idea, [at]);
  }
  if (e.kind === 'ruled-out') {
    const idea = ideaOf(e.text);
    state.ruledOut.push(entry);
    folding.ruledOutIdeas.add(idea);
    const closing = folding.openByIdea.get(idea);
    if (!closing) return;
    for (const at of closing) folding.opened[at] = undefined;
    folding.openByIdea.delete(idea);
    folding.closed = true;
  }
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
  note: (folding, e) => {
    noteTaken(folding, e);
    const run = e.runId ? folding.runs.get(e.runId) : undefined;
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
    addResponder(folding, e.to);
  },
  'command.started': ({ state, runs }, e) => {
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
    };
    runs.set(e.runId, run);
    state.commands.push(run);
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
  if (e.type === 'note') noteTaken(folding, { ...e, text: `${flag} ${e.text}` });
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
    this.folding = {
      state: openedState(opened, 0, options.clocks?.[opened.actor]),
      runs: new Map(),
      responders: new Set(),
      ruledOutIdeas: new Set(),
      opened: [],
      openByIdea: new Map(),
      closed: false,
    };
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
    addResponder(this.folding, e.actor);
    if (e.ts > state.lastEventAt) state.lastEventAt = e.ts;
    handleEvent(FOLD, this.folding, e);
  }

  /** The incident as folded so far. Later `add`s change this same object. */
  get state(): IncidentState {
    const folding = this.folding;
    if (folding.closed) {
      folding.state.openHypotheses = folding.opened.filter((h) => h !== undefined);
      folding.closed = false;
    }
    return folding.state;
  }
}

/** The incident from its events, given in causal order (one log's order is its own). */
export function foldIncident(
  events: readonly OncallEvent[],
  options: FoldOptions = {},
): IncidentState {
  return new IncidentFold(events, options).state;
}
