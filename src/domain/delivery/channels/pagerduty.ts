// PagerDuty Events API v2: `POST {base}/v2/enqueue` with a trigger, an
// acknowledge or a resolve. One alert per incident and contact: the dedup_key
// makes a repeated escalation update that alert instead of paging twice, and
// lets `oncall resolve` close exactly what was triggered. The routing key is
// not in these bodies: it is added when sending, from the environment.
import { cut, LIMITS } from '../limits.js';
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
  return cut(`oncall/${incidentId}/${to ?? 'updates'}`, LIMITS.pagerdutyDedupKey);
}

/** The facts as PagerDuty shows them under "Custom Details": snake_case keys, lists as lists. */
function customDetails(message: Message): Record<string, unknown> {
  const { incident } = message;
  const details: Record<string, unknown> = {
    incident: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.statusText,
    commander: incident.commander,
    ...(message.ask ? { ask: message.ask } : {}),
    impact: message.impact,
    ...(message.body ? { message: message.body } : {}),
  };
  for (const section of message.sections) details[section.key] = section.items;
  details.event_id = message.event.id;
  return details;
}

export function triggerBody(
  message: Message,
  options: { dedupKey: string; source?: string },
): Record<string, unknown> {
  const { incident } = message;
  const summary = message.ask ? `${message.headline}. Ask: ${message.ask}` : message.headline;
  return {
    event_action: 'trigger',
    dedup_key: options.dedupKey,
    payload: {
      summary: cut(summary, LIMITS.pagerdutySummary),
      source: options.source ?? incident.service ?? 'oncall',
      severity: SEVERITY[incident.severity] ?? 'error',
      timestamp: message.event.ts,
      ...(incident.service ? { component: incident.service } : {}),
      class: message.kind,
      custom_details: customDetails(message),
    },
    client: 'oncall',
    ...(message.links.length
      ? { links: message.links.map((link) => ({ href: link.url, text: link.name })) }
      : {}),
  };
}

/** Acknowledge (someone is on it: the page stops repeating) or resolve (it is over). */
export function alertBody(
  action: 'acknowledge' | 'resolve',
  dedupKey: string,
): Record<string, unknown> {
  return { event_action: action, dedup_key: dedupKey };
}
