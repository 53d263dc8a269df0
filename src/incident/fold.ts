// The incident is a fold over its events: nothing here is ever stored twice.
// Pure code: no clock, no files. Events are folded in `ts` order (stable), so a
// backfilled event (`--at`) lands where it happened, not where it was written.
import type { EventOf, NoteKind, OncallEvent, Severity } from './events.js';

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

/** Events sorted by when they happened; ties keep their order in the log. */
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

export function foldIncident(events: readonly OncallEvent[]): IncidentState {
  const ordered = byTime(events);
  const opened = ordered.find((e): e is EventOf<'incident.opened'> => e.type === 'incident.opened');
  if (!opened) throw new EmptyIncidentError();

  const startedAt =
    opened.startedAt && opened.startedAt < opened.ts
      ? opened.startedAt
      : (opened.startedAt ?? opened.ts);
  const state: IncidentState = {
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
    eventCount: events.length,
    lastEventAt: opened.ts,
    nextUpdateDue: opened.nextUpdateDue,
  };
  const runs = new Map<string, CommandRun>();
  const addResponder = (who: string) => {
    if (!state.responders.includes(who)) state.responders.push(who);
  };

  for (const e of ordered) {
    addResponder(e.actor);
    if (e.ts > state.lastEventAt) state.lastEventAt = e.ts;
    switch (e.type) {
      case 'incident.opened':
        break;
      case 'incident.mitigated':
        state.mitigatedAt ??= e.ts;
        if (state.status === 'active') state.status = 'mitigated';
        break;
      case 'incident.resolved':
        state.resolvedAt ??= e.ts;
        state.status = 'resolved';
        state.nextUpdateDue = null;
        break;
      case 'severity.changed': {
        const current = state.severityHistory.at(-1);
        if (current) current.to = e.ts;
        state.severityHistory.push({ severity: e.to, from: e.ts, reason: e.reason });
        state.severity = e.to;
        if (e.nextUpdateDue !== undefined) state.nextUpdateDue = e.nextUpdateDue;
        state.peakSeverity = moreSevere(state.peakSeverity, e.to);
        break;
      }
      case 'impact.changed':
        state.impact = e.impact;
        break;
      case 'note': {
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
        break;
      }
      case 'update.sent':
        state.updates.push(e);
        state.lastUpdateAt = e.ts;
        if (e.nextUpdateDue !== undefined) state.nextUpdateDue = e.nextUpdateDue;
        break;
      case 'escalation':
        state.escalations.push(e);
        break;
      case 'handoff':
        state.handoffs.push(e);
        state.commander = e.to;
        addResponder(e.to);
        break;
      case 'command.started': {
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
        break;
      }
      case 'command.finished': {
        const run = runs.get(e.runId);
        if (run) {
          run.finishedAt = e.ts;
          run.exitCode = e.exitCode;
          run.signal = e.signal;
          run.durationMs = e.durationMs;
          run.outputTail = e.outputTail;
          run.interrupted = e.interrupted;
        }
        break;
      }
      case 'runbook.attached':
        state.runbook = e.runbook;
        break;
      default:
        // Walk-through events (step.*, walk.*) are folded by the runbook walker.
        break;
    }
  }
  return state;
}
