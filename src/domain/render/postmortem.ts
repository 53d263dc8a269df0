// The postmortem draft's view model. Everything the log knows is filled in;
// what only people know stays a prompt in the template; every gap is flagged.

import { handTypedCommands } from '../capture/hand-typed.js';
import { commandText } from '../incident/command-line.js';
import type { OncallEvent } from '../incident/events.js';
import { computeMetrics } from '../incident/metrics.js';
import { formatDuration, localDateTime, utcDateTime } from '../incident/time.js';
import { byTime } from '../incident/told.js';
import { walkRecord } from '../incident/walk.js';
import type { Runbook } from '../runbook/types.js';
import { tableCell } from '../text/markdown.js';
import { madeSafe, safeLine } from '../text/terminal-safe.js';
import { commandResult } from './describe.js';
import {
  actionsOf,
  changesOf,
  describerOf,
  involvedOf,
  linksOf,
  personName,
  type RenderInput,
  silencesOf,
} from './facts.js';

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
  const e = events.find((x) => x.type === type);
  return e && 'summary' in e ? e.summary : undefined;
}

interface LateUpdate {
  due: string;
  sentAt?: string;
  lateMs: number;
}

/**
 * Promised updates that came late or never: a promise (`nextUpdateDue`) is kept
 * by the next update; one still open when a new promise replaces it (a severity
 * change), at the resolution, or at `end` was never kept. A response delay worth
 * a line in the draft, not a grade.
 */
export function lateUpdates(ordered: readonly OncallEvent[], end: string): LateUpdate[] {
  const late: LateUpdate[] = [];
  let due: string | null | undefined;
  for (const e of ordered) {
    if (e.ts > end) break;
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

/** Who led, in order: whoever opened the incident, then each one handed it. */
function commandersOf(input: RenderInput, ordered: readonly OncallEvent[]): string[] {
  const { state, config } = input;
  const opened = ordered.find((e) => e.type === 'incident.opened');
  const commanders = [personName(opened?.actor ?? state.commander, config)];
  for (const h of state.handoffs) commanders.push(h.toName ?? personName(h.to, config));
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
  return [
    ...path.slice(0, ends),
    `… ${between.toLocaleString('en-US')} more …`,
    ...path.slice(-ends),
  ].join(' → ');
}

/** The impact as declared, as it changed, and what stopped and fixed it. */
function impactOf(input: RenderInput, ordered: readonly OncallEvent[]) {
  const { state, tz } = input;
  const opened = ordered.find((e) => e.type === 'incident.opened');
  return {
    initialImpact: opened?.type === 'incident.opened' ? opened.impact : undefined,
    impact: state.impact,
    impactChanges: ordered
      .filter((e) => e.type === 'impact.changed')
      .map((e) => ({ at: localDateTime(e.ts, tz), text: e.impact })),
    mitigationSummary: summaryOf(ordered, 'incident.mitigated'),
    resolutionSummary: summaryOf(ordered, 'incident.resolved'),
  };
}

/** The commanders, everyone else involved, and the handoffs between them. */
function peopleOf(input: RenderInput, commanders: string[]) {
  const { state, config, tz } = input;
  const leading = new Set(commanders);
  return {
    commanders,
    // Everyone but the commanders, who have their own line.
    involved: involvedOf(input).filter((p) => !leading.has(p.name)),
    handoffs: state.handoffs.map((h) => ({
      at: localDateTime(h.ts, tz),
      from: personName(h.from, config),
      to: h.toName ?? personName(h.to, config),
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
      stamp('Acknowledged', state.acknowledgedAt, tz),
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

/**
 * The facts of the declaration that came before the acknowledgement: when the
 * impact began and the alert fired. They head the timeline at their own times.
 */
function beforeAcknowledged(state: RenderInput['state']): { ts: string; text: string }[] {
  return [
    { ts: state.startedAt, text: 'impact began (as recorded when declared)' },
    ...(state.detectedAt
      ? [{ ts: state.detectedAt, text: `detected${state.alert ? `: alert ${state.alert}` : ''}` }]
      : []),
  ].filter((b) => b.ts < state.acknowledgedAt);
}

/** `make(ts)`, made once for all the times that have the same `key`. */
function sharedBy(key: (ts: string) => string, make: (ts: string) => string) {
  const known = new Map<string, string>();
  return (ts: string): string => {
    const k = key(ts);
    const found = known.get(k);
    if (found !== undefined) return found;
    const made = make(ts);
    known.set(k, made);
    return made;
  };
}

/** The timeline table: every told event in time order, in UTC and in local time. */
function timelineOf(
  input: RenderInput,
  ordered: readonly OncallEvent[],
  describe: (e: OncallEvent, at: number) => string | undefined,
) {
  const { state, config, tz } = input;
  // Past midnight (local), a bare HH:MM is ambiguous: then the local column carries the date.
  const localDay = (iso: string) => localDateTime(iso, tz).slice(0, 10);
  const earliest = ordered[0]?.ts;
  const first = earliest && earliest < state.startedAt ? earliest : state.startedAt;
  const last = ordered.at(-1)?.ts ?? first;
  const multiDay = localDay(first) !== localDay(last);
  // Rows of the same minute share their clock columns: a night has many rows a minute.
  // A log time is ISO 8601 UTC: its first 16 characters are its minute.
  const minute = (ts: string) => ts.slice(0, 16);
  const utc = sharedBy(minute, (ts) => utcDateTime(ts).replace(' UTC', ''));
  const local = sharedBy(minute, (ts) => localDateTime(ts, tz).slice(multiDay ? 5 : 11));
  const who = sharedBy(
    (actor) => actor,
    (actor) => tableCell(safeLine(personName(actor, config))),
  );
  // Every cell is made safe as it is made (describeEvent, who): safeStrings need not look again.
  const rows: { utc: string; local: string; text: string; who: string }[] = madeSafe([]);
  const row = (ts: string, text: string, who: string) =>
    rows.push({ utc: utc(ts), local: local(ts), text, who });
  // The declared start and detection go in at their times, ahead of events at the same instant.
  const before = beforeAcknowledged(state).sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  let next = 0;
  for (let at = 0; at < ordered.length; at++) {
    const e = ordered[at] as OncallEvent;
    const text = describe(e, at);
    if (!text) continue;
    for (let b = before[next]; b && b.ts <= e.ts; b = before[++next])
      row(b.ts, tableCell(safeLine(b.text)), '');
    const backfilled = e.recordedAt ? ` _(backfilled; written ${utcDateTime(e.recordedAt)})_` : '';
    row(e.ts, tableCell(text) + backfilled, who(e.actor));
  }
  for (const b of before.slice(next)) row(b.ts, tableCell(safeLine(b.text)), '');
  return rows;
}

/** What was learned, decided, tried and left open along the way, each with when. */
function investigationOf(
  input: RenderInput,
  ordered: readonly OncallEvent[],
  describe: (e: OncallEvent, at: number) => string | undefined,
) {
  const { state, events, config, tz } = input;
  const at = (n: { ts: string; text: string }) => ({ at: localDateTime(n.ts, tz), text: n.text });
  return {
    findings: state.notes.filter((n) => n.kind === 'finding').map(at),
    decisions: state.notes.filter((n) => n.kind === 'decision').map(at),
    tried: Array.from(actionsOf(input, describe, ordered), at),
    skipped: walkRecord(events).skippedSteps.map((s) => ({
      at: localDateTime(s.ts, tz),
      stepId: s.stepId,
      reason: s.reason,
    })),
    ruledOut: state.ruledOut.map(at),
    openHypotheses: state.openHypotheses.map(at),
    escalations: state.escalations.map((e) => ({
      at: localDateTime(e.ts, tz),
      to: e.toName ?? personName(e.to, config),
      ask: e.ask,
    })),
  };
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

/** The commands table: each run, its result and who ran it. */
function commandsOf(input: RenderInput) {
  const { state, config } = input;
  return state.commands.map((r) => ({
    at: utcDateTime(r.startedAt).replace(' UTC', ''),
    command: tableCell(`\`${commandText(r)}\``),
    result: tableCell(commandResult(r)),
    who: tableCell(personName(r.actor, config)),
  }));
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
    rows: hand.commands.map((c) => ({
      command: tableCell(`\`${c.recorded}\``),
      uses: String(c.uses),
      result: c.lastExit === null ? 'no exit code recorded' : `exit ${c.lastExit}`,
      step: tableCell(stepTitle(c.stepId) ?? c.stepId ?? 'outside the walk'),
    })),
  };
}

/** The postmortem draft's model: one builder per part of the draft, in its order. */
export function postmortemModel(input: RenderInput, runbook?: Runbook) {
  const { state, events } = input;
  const ordered = byTime(events);
  const commanders = commandersOf(input, ordered);
  // The timeline and the list of what was tried tell many of the same events: each is told once.
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
  return {
    ...overviewOf(input, commanders),
    ...impactOf(input, ordered),
    ...peopleOf(input, commanders),
    ...clocksOf(input),
    timeline: timelineOf(input, ordered, describe),
    changes: changesOf(input),
    ...investigationOf(input, ordered, describe),
    updates: updatesOf(input, ordered),
    commands: commandsOf(input),
    handTyped: handTypedOf(input, runbook),
    runbook: state.runbook,
    links: linksOf(input),
    silences: silencesOf(input),
    eventCount: events.length,
    backfilledCount: events.filter((e) => e.recordedAt).length,
  };
}
