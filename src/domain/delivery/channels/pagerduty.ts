// PagerDuty Events API v2: `POST {base}/v2/enqueue` with a trigger, an
// acknowledge or a resolve. One alert per incident and contact: the dedup_key
// makes a repeated escalation update that alert instead of paging twice, and
// lets `oncall resolve` close exactly what was triggered. The routing key is
// not in these bodies: it is added when sending, from the environment.
// Every field is plain text (PagerDuty turns the summary into SMS, push and
// voice): a Markdown link shows its address, and only a plain http(s) URL goes
// in `links[].href`.
import { markdownText } from '../../text/markdown.js';
import { markdownToPlain, plainHttpUrl } from '../../text/markup.js';
import { cutText } from '../bytes.js';
import type { Path } from '../fit.js';
import { LIMITS } from '../limits.js';
import type { Message } from '../message.js';

const PAGERDUTY_BASE = 'https://events.pagerduty.com';

/** SEV (how bad, for people) to PagerDuty's payload.severity. */
const SEVERITY: Record<string, 'critical' | 'error' | 'warning' | 'info'> = {
  SEV1: 'critical',
  SEV2: 'error',
  SEV3: 'warning',
  SEV4: 'info',
};

export function enqueueUrl(baseUrl: string | undefined): string {
  return `${(baseUrl ?? PAGERDUTY_BASE).replace(/\/+$/, '')}/v2/enqueue`;
}

/** One alert per incident and person paged (or `updates` for the room). */
export function dedupKeyFor(incidentId: string, to: string | undefined): string {
  // A key, not a text: cut without a marker (incident ids are far shorter).
  return `oncall/${incidentId}/${to ?? 'updates'}`.slice(0, LIMITS.pagerdutyDedupKey);
}

/** The facts as PagerDuty shows them under "Custom Details": snake_case keys, lists as lists. */
function customDetails(message: Message): Record<string, unknown> {
  const { incident } = message;
  const details: Record<string, unknown> = {
    incident: incident.id,
    title: markdownToPlain(markdownText(incident.title)),
    severity: incident.severity,
    status: incident.statusText,
    commander: incident.commander,
    ...(message.ask ? { ask: markdownToPlain(message.ask) } : {}),
    impact: markdownToPlain(message.impact),
    ...(message.body ? { message: markdownToPlain(message.body) } : {}),
  };
  for (const section of message.sections) details[section.key] = section.items.map(markdownToPlain);
  details.event_id = message.event.id;
  return details;
}

/** The message's links PagerDuty may show as links: plain http(s) URLs only. */
function linksOf(message: Message): { href: string; text: string }[] {
  return message.links.flatMap((link) => {
    const href = plainHttpUrl(link.url);
    return href ? [{ href, text: link.name }] : [];
  });
}

export function triggerBody(
  message: Message,
  options: { dedupKey: string; source?: string },
): Record<string, unknown> {
  const { incident } = message;
  const ask = message.ask ? markdownToPlain(message.ask) : undefined;
  const headline = markdownToPlain(markdownText(message.headline));
  const summary = ask ? `${headline}. Ask: ${ask}` : headline;
  const links = linksOf(message);
  return {
    event_action: 'trigger',
    dedup_key: options.dedupKey,
    payload: {
      summary: cutText(summary, LIMITS.pagerdutySummary),
      source: options.source ?? incident.service ?? 'oncall',
      severity: SEVERITY[incident.severity] ?? 'error',
      timestamp: message.event.ts,
      ...(incident.service ? { component: incident.service } : {}),
      class: message.kind,
      custom_details: customDetails(message),
    },
    client: 'oncall',
    ...(links.length ? { links } : {}),
  };
}

/** Acknowledge (someone is on it: the page stops repeating) or resolve (it is over). */
export function alertBody(
  action: 'acknowledge' | 'resolve',
  dedupKey: string,
): Record<string, unknown> {
  return { event_action: action, dedup_key: dedupKey };
}

/** Exact details: what a reader matches on. */
const EXACT_DETAILS = new Set(['incident', 'severity', 'event_id']);

/** What may be cut to fit (request paths): the summary and the texts of the custom details. */
export function pagerdutyCuttable(path: Path): boolean {
  if (path[0] !== 'body' || path[1] !== 'payload') return false;
  if (path[2] === 'summary') return true;
  return path[2] === 'custom_details' && !EXACT_DETAILS.has(String(path[3]));
}
