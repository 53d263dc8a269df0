// The incident is a fold over its events: nothing here is ever stored twice.
// Pure code: no clock, no files. Events come in causal order (order.ts: the
// order every responder's laptop agrees on). What happened is told in `ts`
// order (stable), so a backfilled event (`--at`) lands where it happened, not
// where it was written; what was decided (severity, commander, impact, the
// next update due, the runbook) is the last decision in causal order
// (decide.ts), so a laptop whose clock runs behind cannot undo a later one.
import { decideInCausalOrder } from './decide.js';
import {
  type EventHandlers,
  type EventOf,
  handleEvent,
  type NoteKind,
  type OncallEvent,
  type Severity,
} from './events.js';

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
  /** When it really began: `startedAt` if given, else when it was opened. */
  startedAt: string;
  detectedAt?: string;
  acknowledgedAt: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  commander: string;
  /** The last handoff, until the incoming commander accepts it (`oncall handoff --accept`). */
  pendingHandoff?: EventOf<'handoff'>;
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
}

const SEVERITY_RANK: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

/** Events sorted by when they happened; ties keep their (causal) order. */
export function byTime(events: readonly OncallEvent[]): OncallEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) =>
      a.event.ts < b.event.ts ? -1 : a.event.ts > b.event.ts ? 1 : a.index - b.index,
    )
    .map(({ event }) => event);
}

export class EmptyIncidentError extends Error {
  constructor() {
    super('the log has no incident.opened event');
  }
}

/** Matches a ruled-out note to the hypothesis it closes: same text, case-insensitive. */
function sameIdea(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

/** The state as the incident.opened event declares it, before anything else happened. */
function openedState(opened: EventOf<'incident.opened'>, eventCount: number): IncidentState {
  const startedAt =
    opened.startedAt && opened.startedAt < opened.ts
      ? opened.startedAt
      : (opened.startedAt ?? opened.ts);
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
    detectedAt: opened.detectedAt,
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
    nextUpdateDue: opened.nextUpdateDue,
  };
}

/** The state being folded, with the command runs by id (a finish finds its start). */
interface Folding {
  state: IncidentState;
  runs: Map<string, CommandRun>;
}

function addResponder(state: IncidentState, who: string): void {
  if (!state.responders.includes(who)) state.responders.push(who);
}

function noteTaken(state: IncidentState, e: EventOf<'note'>): void {
  const entry: NoteEntry = { id: e.id, ts: e.ts, actor: e.actor, kind: e.kind, text: e.text };
  state.notes.push(entry);
  // A backfilled ruled-out can sort before its hypothesis: it still closes it.
  if (e.kind === 'hypothesis' && !state.ruledOut.some((r) => sameIdea(r.text, e.text))) {
    state.openHypotheses.push(entry);
  }
  if (e.kind === 'ruled-out') {
    state.ruledOut.push(entry);
    state.openHypotheses = state.openHypotheses.filter((h) => !sameIdea(h.text, e.text));
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
  note: ({ state }, e) => noteTaken(state, e),
  'update.sent': ({ state }, e) => {
    state.updates.push(e);
    state.lastUpdateAt = e.ts;
  },
  escalation: ({ state }, e) => {
    state.escalations.push(e);
  },
  handoff: ({ state }, e) => {
    state.handoffs.push(e);
    addResponder(state, e.to);
  },
  'command.started': ({ state, runs }, e) => {
    const run: CommandRun = {
      runId: e.runId,
      argv: e.argv,
      shell: e.shell,
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
  },
};

/** The incident from its events, given in causal order (one log's order is its own). */
export function foldIncident(events: readonly OncallEvent[]): IncidentState {
  const ordered = byTime(events);
  const opened = ordered.find((e): e is EventOf<'incident.opened'> => e.type === 'incident.opened');
  if (!opened) throw new EmptyIncidentError();
  const folding: Folding = { state: openedState(opened, events.length), runs: new Map() };
  for (const e of ordered) {
    addResponder(folding.state, e.actor);
    if (e.ts > folding.state.lastEventAt) folding.state.lastEventAt = e.ts;
    handleEvent(FOLD, folding, e);
  }
  decideInCausalOrder(folding.state, events);
  return folding.state;
}
