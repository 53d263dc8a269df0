// The postmortem draft's view model. Everything the log knows is filled in;
// what only people know stays a prompt in the template; every gap is flagged.

import type { OncallEvent } from '../incident/events.js';
import { computeMetrics } from '../incident/metrics.js';
import { ofTypes } from '../incident/of-types.js';
import { formatDuration, localDateTime, utcDateTime } from '../incident/time.js';
import { byTime } from '../incident/told.js';
import type { Runbook } from '../runbook/types.js';
import { withThousands } from '../text/numbers.js';
import { type AtLine, bounded, boundedMap, leftOutItem, leftOutText } from './bounded.js';
import { condensedTimeline, localIsUtc, type Timeline } from './condensed.js';
import { evidenceOf } from './evidence.js';
import {
  commandOf,
  describerOf,
  involvedOf,
  linksOf,
  personName,
  type RenderInput,
  silencesOf,
} from './facts.js';
import { nightOf } from './night.js';
import { commandsOf, handTypedOf, investigationOf, updatesOf } from './postmortem-record.js';

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
    impactOverTime: boundedMap(
      said,
      (s, i) => {
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
      },
      (count, first, last) => {
        const span = { from: localDateTime(first.ts, tz), to: localDateTime(last.ts, tz) };
        const text = leftOutText(count, 'impact changes', span);
        return leftOutItem({ from: '…', until: '…', text, leftOut: `… ${text}` });
      },
    ),
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
    involved: bounded(
      involvedOf(input, false).filter((p) => !leading.has(p.name)),
      (count) => {
        const text = leftOutText(
          count,
          'people',
          undefined,
          '`oncall export --json` names each one',
        );
        return leftOutItem({ name: '…', role: text, leftOut: `… ${text}` });
      },
    ),
    handoffs: boundedMap(
      state.handoffs,
      (h) => ({
        at: localDateTime(h.ts, tz),
        from: personName(h.from, config),
        to: h.toName ?? personName(h.to, config),
        accepted: accepted.has(h.id),
        note: h.note,
        leftOut: undefined as string | undefined,
      }),
      (count, first, last) => {
        const span = { from: localDateTime(first.ts, tz), to: localDateTime(last.ts, tz) };
        const text = leftOutText(count, 'handoffs', span);
        return leftOutItem({
          at: '…',
          from: '…',
          to: '…',
          accepted: false,
          note: text,
          leftOut: `… ${text}`,
        });
      },
    ),
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
  const leadup: AtLine[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i] as OncallEvent;
    if (e.ts >= detected) break;
    if (e.type !== 'note' && e.type !== 'command.started') continue;
    const text = describe(e, i);
    if (text) leadup.push({ at: localDateTime(e.ts, tz), text });
  }
  return bounded(leadup, (count) => {
    const text = leftOutText(count, 'events before detection');
    return leftOutItem({ at: '…', text, leftOut: `… ${text}` });
  });
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
    timeline: timeline.rows,
    timelineRows: timelineRowsOf(timeline),
    leadup: leadupOf(input, ordered, describe),
    ...investigationOf(input),
    updates: updatesOf(input, ordered),
    commands: commandsOf(input),
    handTyped: handTypedOf(input, runbook),
    evidence: evidenceOf(state.commands),
    runbook: state.runbook,
    links: bounded(linksOf(input), (count) => {
      const text = leftOutText(count, 'links', undefined, '`oncall export --json` has every one');
      return leftOutItem({ name: '…', url: text, leftOut: `… ${text}` });
    }),
    // Strings, escaped with the rest of the model: what is left out is said without a code span.
    silences: bounded(
      silencesOf(input),
      (count) =>
        `… ${leftOutText(count, 'silences', undefined, 'oncall export --json has every one')}`,
    ),
    eventCount: events.length,
    backfilledCount: events.filter((e) => e.recordedAt).length,
  };
}

/** The timeline's size, for its opening line: the rows, and when cut, which ones. */
function timelineRowsOf(timeline: Timeline): string {
  const { rows, cut } = timeline;
  if (!cut) return String(rows.length);
  return `${withThousands(rows.length)} (the first ${withThousands(cut.head)} and the last ${withThousands(cut.tail)}; the ${withThousands(cut.leftOut)} events between them are one row)`;
}
