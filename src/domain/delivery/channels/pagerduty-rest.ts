// PagerDuty REST API v2, for the PagerDuty incident an incident was started
// from (`oncall start --from pagerduty:…`): acknowledge it (PUT
// /incidents/{id}, status acknowledged), resolve it (status resolved, the
// summary as its resolution) and add an update as a note (POST
// /incidents/{id}/notes), so PagerDuty's own timeline shows what oncall's
// does. These go through the outbox like every delivery: recorded first,
// retried when PagerDuty cannot be reached, delivered once. The token is not
// in these requests: it is added when sending, from the environment.
import type { PagerDutyConfig } from '../../config/intake.js';
import type { EventInput } from '../../incident/events.js';
import type { Path } from '../fit.js';

const PAGERDUTY_API = 'https://api.pagerduty.com';

/** The outbox's name for these deliveries: not a channel of the config, so no team's name clashes. */
const PAGERDUTY_REST_CHANNEL = 'pagerduty-api';

/** The PagerDuty incident an oncall incident came from (its opened event's `source`). */
export interface PagerDutyIncidentRef {
  id: string;
  number?: number;
}

/** Where REST deliveries go, as recorded: the `pagerduty:` section minus nothing secret (it names the token's variable). */
export function restTarget(config: PagerDutyConfig): Record<string, unknown> {
  return {
    type: 'pagerduty-rest',
    apiTokenEnv: config.apiTokenEnv,
    ...(config.from ? { from: config.from } : {}),
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.timeoutSeconds ? { timeoutSeconds: config.timeoutSeconds } : {}),
  };
}

/** `https://api.pagerduty.com/incidents/PT4KHLK`: the base URL (EU, a test's) and the path. */
export function restUrl(baseUrl: string | undefined, path: string): string {
  return `${(baseUrl ?? PAGERDUTY_API).replace(/\/+$/, '')}${path}`;
}

const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/** "PagerDuty incident #1234" (or its id when the number is not known). */
export function incidentLabel(ref: PagerDutyIncidentRef): string {
  return `PagerDuty incident ${ref.number !== undefined ? `#${ref.number}` : ref.id}`;
}

type RestKind = 'acknowledge' | 'resolve' | 'note';

function requestFor(kind: RestKind, id: string, text: string | undefined): Record<string, unknown> {
  if (kind === 'note') {
    return { method: 'POST', path: `${incidentPath(id)}/notes`, body: { note: { content: text } } };
  }
  const status = kind === 'acknowledge' ? 'acknowledged' : 'resolved';
  return {
    method: 'PUT',
    path: incidentPath(id),
    body: {
      incident: {
        type: 'incident_reference',
        status,
        // "used only when setting the incident status to resolved": the Resolve log entry's words.
        ...(kind === 'resolve' && text ? { resolution: text } : {}),
      },
    },
  };
}

/**
 * The delivery.queued event for one REST action on `ref`, caused by the
 * event `source` (the opening, a milestone, an update). An acknowledge and a
 * resolve share a collapse key: a resolve queued while an acknowledge still
 * waits supersedes it, so a late acknowledge never reopens a resolved incident.
 */
export function restQueued(
  source: string,
  kind: RestKind,
  ref: PagerDutyIncidentRef,
  config: PagerDutyConfig,
  text?: string,
): EventInput<'delivery.queued'> {
  return {
    type: 'delivery.queued',
    delivery: `${source}.${PAGERDUTY_REST_CHANNEL}`,
    source,
    channel: PAGERDUTY_REST_CHANNEL,
    via: 'pagerduty-rest',
    kind,
    to: ref.id,
    toName: incidentLabel(ref),
    ...(kind === 'note' ? {} : { collapse: `pagerduty-incident/${ref.id}` }),
    target: restTarget(config),
    request: requestFor(kind, ref.id, text),
  };
}

/** What may be cut to fit: a note's words, a resolution's words; never the path or the status. */
export function pagerdutyRestCuttable(path: Path): boolean {
  if (path[0] !== 'body') return false;
  return (
    (path[1] === 'note' && path[2] === 'content') ||
    (path[1] === 'incident' && path[2] === 'resolution')
  );
}

/**
 * PagerDuty's error codes that mean the incident is already where the action
 * would put it (developer-docs 14-Errors: 1001 Incident Already Resolved,
 * 1002 Incident Already Acknowledged): done, not failed.
 */
export function alreadyDone(kind: string, code: number | undefined): boolean {
  return (kind === 'acknowledge' && code === 1002) || (kind === 'resolve' && code === 1001);
}
