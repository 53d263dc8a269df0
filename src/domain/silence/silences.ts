// Silences tied to an incident (`oncall silence --for 2h`): what one is made
// of (matchers from the alert's labels, the responder, the incident named in
// its comment), and what the log says of them, folded: which still hold,
// which end soon (a warning ten minutes before, while the incident is open,
// since the alert will page again), which were ended. Pure.

import type { EventOf, OncallEvent } from '../incident/events.js';
import { ofTypes } from '../incident/of-types.js';
import { formatDuration, localClock } from '../incident/time.js';

export type Matcher = EventOf<'silence.created'>['matchers'][number];

/** Warned this long before a silence ends. */
export const SILENCE_WARNING_MS = 10 * 60_000;

/** What `--match` takes, as Alertmanager's matcher syntax: name=value, name!=value, name=~re, name!~re. */
export function parseMatch(text: string): Matcher | undefined {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const op = m[2];
  return { name: m[1], value: m[3] ?? '', isRegex: op.endsWith('~'), isEqual: !op.startsWith('!') };
}

/**
 * Matchers for the alert: each of its labels, equal to its value (the label set
 * is what identifies an alert to Alertmanager). A value the redactor replaced
 * in the log would match nothing, so it is left out; alertname goes first.
 */
export function matchersFor(labels: Record<string, string>): Matcher[] {
  return Object.entries(labels)
    .filter(
      ([name, value]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !value.includes('[REDACTED]'),
    )
    .sort(([a], [b]) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

/** Alertmanager refuses a silence whose matchers all match the empty string (it would silence everything). */
export function matchesEverything(matchers: readonly Matcher[]): boolean {
  return matchers.every((m) => {
    const hit = m.isRegex ? safeRegexMatchesEmpty(m.value) : m.value === '';
    return (m.isEqual ?? true) ? hit : !hit;
  });
}

function safeRegexMatchesEmpty(pattern: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test('');
  } catch {
    return false;
  }
}

/** `alertname="KubePodNotReady", namespace="shop"`: matchers as Alertmanager writes them. */
export function matchersText(matchers: readonly Matcher[]): string {
  return matchers
    .map((m) => {
      const op = `${(m.isEqual ?? true) ? '=' : '!'}${m.isRegex ? '~' : (m.isEqual ?? true) ? '' : '='}`;
      return `${m.name}${op}${JSON.stringify(m.value)}`;
    })
    .join(', ');
}

/**
 * The longest silence: a hundred years. Past that its end is no date
 * (`99999999999999999999h` made toISOString throw, a stack for a typo) or
 * not one RFC 3339, and so Alertmanager, can write (a five-digit year).
 */
export const SILENCE_MAX_DAYS = 36_500;

/** `2h`, `90m`, `1h30m`, `1d`: how long a silence holds, in ms; undefined when it is not one. */
export function parseSilenceDuration(text: string): number | undefined {
  const m = /^\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?\s*$/i.exec(text);
  if (!m?.slice(1).some(Boolean)) return undefined;
  const [d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  const ms = ((d * 24 + h) * 60 + min) * 60_000 + s * 1000;
  return ms > 0 && ms <= SILENCE_MAX_DAYS * 86_400_000 ? ms : undefined;
}

export interface IncidentSilence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
  /** When it was ended before its time (`--expire`). */
  expiredAt?: string;
}

/** Every silence the incident's log knows, in the order they were made. */
export function foldSilences(events: readonly OncallEvent[]): IncidentSilence[] {
  const byId = new Map<string, IncidentSilence>();
  for (const e of ofTypes(events, 'silence.created', 'silence.expired')) {
    const made = e.type === 'silence.created' ? byId.get(e.silence) : undefined;
    if (e.type === 'silence.created' && made) {
      // Made longer, keeping its id (Alertmanager updates a silence in place when it can).
      made.endsAt = e.endsAt;
      made.comment = e.comment;
    } else if (e.type === 'silence.created') {
      byId.set(e.silence, {
        id: e.silence,
        matchers: e.matchers,
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        comment: e.comment,
        createdBy: e.actor,
      });
    } else if (e.type === 'silence.expired') {
      const silence = byId.get(e.silence);
      if (silence && !silence.expiredAt) silence.expiredAt = e.ts;
    }
  }
  return [...byId.values()];
}

/** Silences that still hold at `now`: not ended, not over. */
export function activeSilences(silences: readonly IncidentSilence[], now: Date): IncidentSilence[] {
  const iso = now.toISOString();
  return silences.filter((s) => !s.expiredAt && s.endsAt > iso);
}

/** When it ends, for a reader: "until 04:15 (in 1h 58m)", "ended 03:10", "ended early 02:40". */
function silenceWhen(s: IncidentSilence, now: Date, tz?: string): string {
  if (s.expiredAt) return `ended early ${localClock(s.expiredAt, tz)}`;
  const left = Date.parse(s.endsAt) - now.getTime();
  if (left <= 0) return `ended ${localClock(s.endsAt, tz)}`;
  return `until ${localClock(s.endsAt, tz)} (in ${formatDuration(left)})`;
}

/** One line for status, handoffs and the postmortem. */
export function silenceLine(s: IncidentSilence, now: Date, tz?: string): string {
  return `silence ${s.id.slice(0, 8)} on ${matchersText(s.matchers)}, ${silenceWhen(s, now, tz)}`;
}

/** Silences ending within ten minutes, while the incident is open: the alert pages again after. */
export function endingSoon(silences: readonly IncidentSilence[], now: Date): IncidentSilence[] {
  return activeSilences(silences, now).filter(
    (s) => Date.parse(s.endsAt) - now.getTime() <= SILENCE_WARNING_MS,
  );
}

/** The alert a silence is for (its alertname matcher), when it names one. */
export function silencedAlert(s: Pick<IncidentSilence, 'matchers'>): string | undefined {
  return s.matchers.find((m) => m.name === 'alertname' && !m.isRegex)?.value;
}

/** The warning for a silence about to end, with the way to extend it. */
export function endingSoonText(
  endsAt: string,
  alert: string | undefined,
  now: Date,
  tz?: string,
): string {
  const left = formatDuration(Math.max(0, Date.parse(endsAt) - now.getTime()));
  return `the silence${alert ? ` on ${alert}` : ''} ends at ${localClock(endsAt, tz)} (in ${left}): it pages again if it still fires; \`oncall silence --for 1h\` silences it longer`;
}
