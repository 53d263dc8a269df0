// The postmortem draft's view model. Everything the log knows is filled in;
// what only people know stays a prompt in the template; every gap is flagged.

import { handTypedCommands } from '../capture/hand-typed.js';
import { DECIDING_TYPES } from '../incident/decide.js';
import type { OncallEvent } from '../incident/events.js';
import { computeMetrics } from '../incident/metrics.js';
import { ofTypes, ofTypesBetween } from '../incident/of-types.js';
import { formatDuration, localDateTime, utcDateTime } from '../incident/time.js';
import { byTime } from '../incident/told.js';
import { walkRecord } from '../incident/walk.js';
import type { Runbook } from '../runbook/types.js';
import { codeSpan, markdownReady, tableCell } from '../text/markdown.js';
import { withThousands } from '../text/numbers.js';
import { condensedTimeline, localIsUtc } from './condensed.js';
import { commandResult } from './describe.js';
import { evidenceOf } from './evidence.js';
import {
  commandOf,
  describerOf,
  escalationLine,
  involvedOf,
  linksOf,
  personName,
  type RenderInput,
  silencesOf,
} from './facts.js';
import { nightOf } from './night.js';
import { rankedFacts } from './ranked.js';
import { groupRuns } from './runs.js';

interface Stamp {
  label: string;
  utc: string;
  local: string;
}

function stamp(label: string, iso: string | undefined, tz: string): Stamp {
  return iso
    ? { label, utc: utcDateTime(iso), local: localDateTime(iso, tz) }
    : { label, utc: '⚠ not recorded', local: '' };
}

/** The summary of the milestone the fold counts: the first one. */
function summaryOf(
  events: readonly OncallEvent[],
  type: 'incident.mitigated' | 'incident.resolved',
) {
  const [e] = ofTypes(events, type);
  return e?.summary;
}

interface LateUpdate {
  due: string;
  sentAt?: string;
  lateMs: number;
}

/** The types lateUpdates reads: every type that can promise the next update (decide.ts), and the resolution. */
const PROMISING_TYPES = [...DECIDING_TYPES, 'incident.resolved'] as const;

/**
 * Promised updates that came late or never: a promise (`nextUpdateDue`) is kept
 * by the next update; one still open when a new promise replaces it (a severity
 * change), at the resolution, or at `end` was never kept. A response delay worth
 * a line in the draft, not a grade.
 */
export function lateUpdates(ordered: readonly OncallEvent[], end: string): LateUpdate[] {
  const late: LateUpdate[] = [];
  let due: string | null | undefined;
  // Told up to the first event after `end` (of any type: clocks drift, so the order is not by time alone).
  let told = 0;
  while (told < ordered.length && (ordered[told] as OncallEvent).ts <= end) told++;
  // Only the events that promise an update, send one or resolve: a night's notes and commands do neither.
  for (const e of ofTypesBetween(ordered, 0, told, PROMISING_TYPES)) {
    const sets =
      e.type === 'incident.resolved' || ('nextUpdateDue' in e && e.nextUpdateDue !== undefined);
    if (due && e.ts > due && (e.type === 'update.sent' || sets)) {
      const lateMs = Date.parse(e.ts) - Date.parse(due);
      late.push(e.type === 'update.sent' ? { due, sentAt: e.ts, lateMs } : { due, lateMs });
    }
    if (e.type === 'incident.resolved') due = null;
    else if ('nextUpdateDue' in e && e.nextUpdateDue !== undefined) due = e.nextUpdateDue;
  }
  if (due && due < end) late.push({ due, lateMs: Date.parse(end) - Date.parse(due) });
  return late;
}

/** The handoffs the incoming commander accepted (by the handoff's id). */
function acceptedHandoffs(events: readonly OncallEvent[]): Set<string> {
  const accepted = new Set<string>();
  for (const e of ofTypes(events, 'handoff.accepted')) accepted.add(e.handoff);
  return accepted;
}

/** Who led, in order: whoever opened the incident, then each one who accepted a handoff. */
function commandersOf(input: RenderInput, ordered: readonly OncallEvent[]): string[] {
  const { state, config } = input;
  const opened = ordered.find((e) => e.type === 'incident.opened');
  const commanders = [personName(opened?.actor ?? commandOf(state).commander, config)];
  const accepted = acceptedHandoffs(input.events);
  for (const h of state.handoffs)
    if (accepted.has(h.id)) commanders.push(h.toName ?? personName(h.to, config));
  return commanders;
}

/** The header: what, where, when, how bad, who owns it now. */
function overviewOf(input: RenderInput, commanders: readonly string[]) {
  const { state, now, tz } = input;
  return {
    id: state.id,
    title: state.title,
    service: state.service,
    alert: state.alert,
    drill: state.drill,
    date: localDateTime(state.startedAt, tz).slice(0, 10),
    generated: utcDateTime(now.toISOString()),
    zone: localDateTime(now.toISOString(), tz).split(' ').at(-1) ?? tz,
    peakSeverity: state.peakSeverity,
    finalSeverity: state.severity,
    severityPath: severityPathOf(state.severityHistory.map((p) => p.severity)),
    status: state.status,
    owner: commanders.at(-1),
  };
}

/**
 * The severities in order, for the header's one line: a night that went up and
 * down hundreds of times shows how it began and ended, and how many changes lie
 * between (the timeline has each one).
 */
export function severityPathOf(path: readonly string[]): string {
  const ends = 4;
  if (path.length <= 2 * ends + 1) return path.join(' → ');
  const between = path.length - 2 * ends;
  return [...path.slice(0, ends), `… ${withThousands(between)} more …`, ...path.slice(-ends)].join(
    ' → ',
  );
}

/**
 * The impact over time: each impact said (at the declaration, then each
 * `oncall impact`), from when it was said until the next one, the resolution
 * or now; and what stopped and fixed it.
 */
function impactOf(input: RenderInput, ordered: readonly OncallEvent[]) {
  const { state, now, tz } = input;
  const said: { ts: string; impact: string }[] = [];
  for (const e of ofTypes(ordered, 'incident.opened', 'impact.changed')) {
    if (e.type === 'incident.opened' && e.impact) said.push({ ts: e.ts, impact: e.impact });
    else if (e.type === 'impact.changed') said.push({ ts: e.ts, impact: e.impact });
  }
  const end = state.resolvedAt ?? now.toISOString();
  return {
    impact: state.impact,
    impactOverTime: said.map((s, i) => {
      const until = said[i + 1]?.ts ?? end;
      const span = formatDuration(Math.max(0, Date.parse(until) - Date.parse(s.ts)));
      const last = i === said.length - 1;
      return {
        from: localDateTime(s.ts, tz),
        until:
          last && !state.resolvedAt
            ? `still (${span} so far)`
            : `${localDateTime(until, tz)} (${span})`,
        text: s.impact,
      };
    }),
    mitigationSummary: summaryOf(ordered, 'incident.mitigated'),
    resolutionSummary: summaryOf(ordered, 'incident.resolved'),
  };
}

/** The commanders, everyone else involved, and the handoffs between them. */
function peopleOf(input: RenderInput, commanders: string[]) {
  const { state, config, tz } = input;
  const leading = new Set(commanders);
  const accepted = acceptedHandoffs(input.events);
  return {
    commanders,
    // Everyone but the commanders, who have their own line.
    involved: involvedOf(input, false).filter((p) => !leading.has(p.name)),
    handoffs: state.handoffs.map((h) => ({
      at: localDateTime(h.ts, tz),
      from: personName(h.from, config),
      to: h.toName ?? personName(h.to, config),
      accepted: accepted.has(h.id),
      note: h.note,
    })),
  };
}

/** When each milestone happened, how long each phase took, and what is missing to say. */
function clocksOf(input: RenderInput) {
  const { state, now, tz } = input;
  const m = computeMetrics(state, now);
  const dur = (ms: number | undefined, missing: string) =>
    ms === undefined ? `⚠ ${missing}` : formatDuration(ms);
  return {
    stamps: [
      stamp('Started', state.startedAt, tz),
      stamp('Detected', state.detectedAt, tz),
      stamp('Declared (acknowledged)', state.acknowledgedAt, tz),
      stamp('Mitigated', state.mitigatedAt, tz),
      stamp('Resolved', state.resolvedAt, tz),
    ],
    durations: [
      { label: 'Time to detect', value: dur(m.timeToDetectMs, 'no detection time recorded') },
      { label: 'Time to acknowledge', value: formatDuration(m.timeToAcknowledgeMs) },
      { label: 'Time to mitigate', value: dur(m.timeToMitigateMs, 'no mitigation time recorded') },
      { label: 'Time to resolve', value: dur(m.timeToResolveMs, 'not resolved') },
      {
        label: 'Total duration',
        value: `${formatDuration(m.durationMs)}${state.resolvedAt ? '' : ' (still open)'}`,
      },
    ],
    detection: {
      detected: state.detectedAt ? utcDateTime(state.detectedAt) : '⚠ no detection time recorded',
      timeToDetect: dur(m.timeToDetectMs, 'unknown'),
      timeToAcknowledge: formatDuration(m.timeToAcknowledgeMs),
    },
    timeInSeverity: m.timeInSeverity.map((s) => ({
      severity: s.severity,
      time: formatDuration(s.ms),
    })),
    missing: m.missing,
  };
}

/** Kinds of note a cause was confirmed with (`oncall note --confirmed`): contributing factors. */
const CONFIRMED = new Set(['confirmed']);

/** What was learned, decided, changed, tried and left open along the way, each with when. */
function investigationOf(input: RenderInput) {
  const { state, events, tz } = input;
  const at = (n: { ts: string; text: string }) => ({ at: localDateTime(n.ts, tz), text: n.text });
  const ranked = rankedFacts(input, ['changed', 'failed']);
  const full = (f: { ts: string; text: string }) => at(f);
  return {
    findings: state.notes.filter((n) => n.kind === 'finding').map(at),
    decisions: state.notes.filter((n) => n.kind === 'decision').map(at),
    confirmed: state.notes.filter((n) => CONFIRMED.has(n.kind)).map(at),
    changed: ranked.changed.map(full),
    failed: ranked.failed.map(full),
    skipped: walkRecord(events).skippedSteps.map((s) => ({
      at: localDateTime(s.ts, tz),
      stepId: s.stepId,
      reason: s.reason,
    })),
    ruledOut: state.ruledOut.map(at),
    openHypotheses: state.openHypotheses.map(at),
    escalations: state.escalations.map((e) => ({
      at: localDateTime(e.ts, tz),
      text: escalationLine(input, e),
    })),
  };
}

/**
 * What came before detection (the trigger and leadup): notes and commands
 * whose time is before the incident was detected (or declared, when no
 * detection time is known), typically backfilled with --at. The response's
 * own actions are not its leadup.
 */
function leadupOf(
  input: RenderInput,
  ordered: readonly OncallEvent[],
  describe: (e: OncallEvent, at: number) => string | undefined,
) {
  const { state, tz } = input;
  const detected = state.detectedAt ?? state.acknowledgedAt;
  const leadup: { at: string; text: string }[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i] as OncallEvent;
    if (e.ts >= detected) break;
    if (e.type !== 'note' && e.type !== 'command.started') continue;
    const text = describe(e, i);
    if (text) leadup.push({ at: localDateTime(e.ts, tz), text });
  }
  return leadup;
}

/** Status updates: how many, the last, and the promises kept late or never. */
function updatesOf(input: RenderInput, ordered: readonly OncallEvent[]) {
  const { state, now, tz } = input;
  return {
    count: state.updates.length,
    last: state.lastUpdateAt ? localDateTime(state.lastUpdateAt, tz) : undefined,
    late: lateUpdates(ordered, state.resolvedAt ?? now.toISOString()).map(
      (l) =>
        `${localDateTime(l.due, tz)}: ${l.sentAt ? `sent ${formatDuration(l.lateMs)} late` : `not sent (${formatDuration(l.lateMs)} without the promised update)`}`,
    ),
  };
}

/** The commands table: each command with each result once, how often, and who ran it. */
function commandsOf(input: RenderInput) {
  const { state, config } = input;
  // Table rows, their cells escaped as they are made (tableCell).
  const rows = groupRuns(state.commands)
    .sort((a, b) => (a.first.startedAt < b.first.startedAt ? -1 : 1))
    .map((g) => ({
      at: utcDateTime(g.first.startedAt).replace(' UTC', ''),
      command: tableCell(codeSpan(g.command)),
      result: tableCell(`${commandResult(g.last)}${g.count > 1 ? ` ×${g.count}` : ''}`),
      who: tableCell(personName(g.last.actor, config)),
    }));
  return markdownReady(rows);
}

/**
 * Commands typed by hand (or run, or edited in the walk) that the runbook does
 * not have: what the next night's runbook should learn (`oncall runbook suggest`).
 * `runbook`: the attached runbook as read now; undefined when none was attached
 * or its file cannot be read (then nothing is left out for being in it).
 */
function handTypedOf(input: RenderInput, runbook: Runbook | undefined) {
  const hand = handTypedCommands(input.events, runbook, 'angle');
  const stepTitle = (id: string | undefined) => runbook?.steps.find((s) => s.id === id)?.title;
  return {
    attached: input.state.runbook?.title,
    compared: runbook !== undefined,
    // Table rows, their cells escaped as they are made (tableCell).
    rows: markdownReady(
      hand.commands.map((c) => ({
        command: tableCell(codeSpan(c.recorded)),
        uses: String(c.uses),
        result: c.lastExit === null ? 'no exit code recorded' : `exit ${c.lastExit}`,
        step: tableCell(stepTitle(c.stepId) ?? c.stepId ?? 'outside the walk'),
      })),
    ),
  };
}

/** The postmortem draft's model: one builder per part of the draft, in its order. */
export function postmortemModel(input: RenderInput, runbook?: Runbook) {
  const { state, events, tz } = input;
  const ordered = byTime(events);
  const commanders = commandersOf(input, ordered);
  // The timeline and the leadup tell some of the same events: each is told once.
  // Told by position in `ordered` (an array, not a map of a night's events).
  const told: (string | undefined | null)[] = new Array(ordered.length).fill(null);
  const describeOnce = describerOf(input);
  const describe = (e: OncallEvent, at: number) => {
    const known = told[at];
    if (known !== null) return known;
    const text = describeOnce(e);
    told[at] = text;
    return text;
  };
  const timeline = condensedTimeline(input, ordered, describe);
  const first = ordered[0]?.ts ?? state.startedAt;
  const last = ordered.at(-1)?.ts ?? first;
  return {
    ...overviewOf(input, commanders),
    ...impactOf(input, ordered),
    ...peopleOf(input, commanders),
    ...clocksOf(input),
    // One clock column when local time is UTC all night.
    localColumn: !localIsUtc(tz, [state.startedAt, first, last]),
    night: nightOf(input),
    timeline,
    leadup: leadupOf(input, ordered, describe),
    ...investigationOf(input),
    updates: updatesOf(input, ordered),
    commands: commandsOf(input),
    handTyped: handTypedOf(input, runbook),
    evidence: evidenceOf(state.commands),
    runbook: state.runbook,
    links: linksOf(input),
    silences: silencesOf(input),
    eventCount: events.length,
    backfilledCount: events.filter((e) => e.recordedAt).length,
  };
}
