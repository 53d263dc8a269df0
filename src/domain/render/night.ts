// The night at a glance, for the postmortem: a Mermaid Gantt chart (GitHub and
// GitLab draw it from a ```mermaid block) of the severity over time and the
// milestones (impact began, alert, declared, escalations, handoffs, mitigated,
// resolved), in UTC like the timeline; and the same facts as two lines of text
// for a reader whose renderer shows the block as code. Names are cleaned to
// what Mermaid's task grammar takes (no `:`, `;`, `#`). Pure.

import type { IncidentState } from '../incident/fold.js';
import { ofTypes } from '../incident/of-types.js';
import { formatDuration, utcClock } from '../incident/time.js';
import { markdownReady } from '../text/markdown.js';
import { personName, type RenderInput, sentOf } from './facts.js';
import { sentWords } from './sent.js';

/** Bars and milestones drawn at most; a night of hundreds of changes keeps its first and last. */
const MOST_BARS = 40;
const MOST_MILESTONES = 30;

interface Mark {
  ts: string;
  label: string;
}

/** `2026-11-20 21:40:07`: Mermaid's `dateFormat YYYY-MM-DD HH:mm:ss`, in UTC. */
const mermaidTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

/** A label Mermaid's task grammar takes: letters, digits and a little punctuation. */
const taskName = (text: string) =>
  text
    .replace(/[^\p{L}\p{N} .,'()/+-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60) || 'event';

/** The first `most / 2` and the last `most / 2` of a long list. */
function ends<T>(list: readonly T[], most: number): T[] {
  if (list.length <= most) return [...list];
  return [...list.slice(0, most / 2), ...list.slice(-most / 2)];
}

/** Each severity held, clipped to the incident: from, to, severity. */
function periodsOf(state: IncidentState, end: string) {
  return state.severityHistory
    .map((p) => ({
      severity: p.severity,
      from: p.from < state.startedAt ? state.startedAt : p.from,
      to: p.to && p.to < end ? p.to : end,
    }))
    .filter((p) => p.to > p.from);
}

/** When the PagerDuty incident this one came from was acknowledged (delivered), if it was. */
function acknowledgedAt(events: RenderInput['events']): string | undefined {
  const acks = new Set<string>();
  for (const e of ofTypes(events, 'delivery.queued', 'delivery.attempted')) {
    if (e.type === 'delivery.queued' && e.kind === 'acknowledge') acks.add(e.delivery);
    else if (e.type === 'delivery.attempted' && e.outcome === 'delivered' && acks.has(e.delivery)) {
      return e.ts;
    }
  }
  return undefined;
}

/** The milestones of the night, in time order. */
function marksOf(input: RenderInput): Mark[] {
  const { state, config } = input;
  const handoffAccepted = new Set<string>();
  for (const e of ofTypes(input.events, 'handoff.accepted')) handoffAccepted.add(e.handoff);
  const marks: Mark[] = [{ ts: state.startedAt, label: 'impact began' }];
  if (state.detectedAt) {
    marks.push({
      ts: state.detectedAt,
      label: state.alert ? `alert ${state.alert}` : 'detected',
    });
  }
  if (state.alertedAt && state.alertedAt !== state.detectedAt) {
    marks.push({ ts: state.alertedAt, label: 'alert fired' });
  }
  marks.push({ ts: state.acknowledgedAt, label: 'declared' });
  const paged = acknowledgedAt(input.events);
  if (paged) marks.push({ ts: paged, label: 'acknowledged in PagerDuty' });
  // An escalation recorded with --no-send was not sent: the chart says so, as every text does.
  const sent = sentOf(input);
  for (const e of state.escalations) {
    const to = e.toName ?? personName(e.to, config);
    marks.push({ ts: e.ts, label: `escalation to ${to} (${sentWords(sent, e)})` });
  }
  for (const h of state.handoffs) {
    const to = h.toName ?? personName(h.to, config);
    marks.push({
      ts: h.ts,
      label: `handoff to ${to}${handoffAccepted.has(h.id) ? '' : ' (not accepted)'}`,
    });
  }
  if (state.mitigatedAt) marks.push({ ts: state.mitigatedAt, label: 'mitigated' });
  if (state.resolvedAt) marks.push({ ts: state.resolvedAt, label: 'resolved' });
  return ends(
    marks.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0)),
    MOST_MILESTONES,
  );
}

/** The diagram's lines (inside a ```mermaid block) and its text for renderers without Mermaid. */
export function nightOf(input: RenderInput) {
  const { state, now } = input;
  const end = state.resolvedAt ?? now.toISOString();
  const periods = periodsOf(state, end);
  const marks = marksOf(input);
  const multiDay = state.startedAt.slice(0, 10) !== end.slice(0, 10);
  // Mermaid inside a fence: Markdown's escapes would be read as part of its names.
  const diagram = markdownReady([
    'gantt',
    '  title Severity and milestones (UTC)',
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    `  axisFormat ${multiDay ? '%m-%d %H:%M' : '%H:%M'}`,
    '  todayMarker off',
    '  section Severity',
    ...ends(periods, MOST_BARS).map(
      (p, i) =>
        `  ${p.severity} :${p.severity === 'SEV1' ? 'crit, ' : ''}s${i}, ${mermaidTime(p.from)}, ${mermaidTime(p.to)}`,
    ),
    '  section Milestones',
    ...marks.map((m, i) => `  ${taskName(m.label)} :milestone, m${i}, ${mermaidTime(m.ts)}, 0m`),
  ]);
  const severity = ends(periods, MOST_BARS)
    .map(
      (p) =>
        `${p.severity} ${utcClock(p.from)}–${utcClock(p.to)} (${formatDuration(Date.parse(p.to) - Date.parse(p.from))})`,
    )
    .join(' → ');
  const milestones = marks.map((m) => `${utcClock(m.ts)} ${m.label}`).join(' · ');
  return { diagram, severityText: severity, milestonesText: milestones };
}
