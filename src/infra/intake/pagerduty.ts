// Reading PagerDuty's REST API v2 (contracts A1): an incident by id or number,
// its alerts, and who the token belongs to (doctor). The token comes from the
// environment (`pagerduty.apiTokenEnv`, or `<NAME>_FILE`) when a call is made,
// and is never written anywhere, nor said in a problem. Writes (acknowledge,
// resolve, notes) go through the outbox instead (domain/delivery/channels/pagerduty-rest.ts).
import type { PagerDutyConfig } from '../../domain/config/intake.js';
import { restUrl } from '../../domain/delivery/channels/pagerduty-rest.js';
import { alertsPage } from '../../domain/intake/pagerduty.js';
import { readSecret } from '../delivery/secrets.js';
import { type Answered, call, type Failed } from './http.js';

const ACCEPT = 'application/vnd.pagerduty+json;version=2';

/** The most alerts one page holds: PagerDuty's classic pagination takes a `limit` up to 100. */
const ALERTS_PAGE = 100;
/** Read no further than this many alerts (ten pages): the one the incident is about is among the first. */
const MOST_ALERTS = 1_000;

/** An incident's alerts, every page read; `said`: why fewer than all were read, when so. */
interface AlertsRead {
  ok: true;
  alerts: unknown[];
  said: string[];
}

interface PagerDutyReader {
  /** GET /incidents/{id or number}: "Accepts either an incident id, or an incident number." */
  incident(ref: string): Promise<Answered | Failed>;
  /** GET /incidents/{id}/alerts, page after page while `more` (the id: only GET /incidents documents numbers). */
  alerts(id: string): Promise<AlertsRead | Failed>;
  /** GET /users/me: 200 for a user's token; an account-level token gets a 400 that says so. */
  me(): Promise<Answered | Failed>;
}

/** The token, or the one line saying it is not there (naming the variable, never a value). */
export function pagerdutyToken(
  config: PagerDutyConfig,
  env: NodeJS.ProcessEnv,
): { token: string } | { problem: string } {
  const read = readSecret(env, config.apiTokenEnv);
  if (read.value) return { token: read.value };
  return {
    problem: `PagerDuty's API token: ${read.problem ?? `${config.apiTokenEnv} is not set`}`,
  };
}

export function pagerdutyReader(
  config: PagerDutyConfig,
  token: string,
  timeoutMs: number,
): PagerDutyReader {
  const authorization = `Token token=${token}`;
  const get = (path: string, signal?: AbortSignal) =>
    call(restUrl(config.baseUrl, path), {
      ...(signal ? { signal } : {}),
      headers: { Accept: ACCEPT, Authorization: authorization, 'Content-Type': 'application/json' },
      timeoutMs,
      secrets: [authorization, token],
      carries: `the API token in ${config.apiTokenEnv}`,
      service: 'PagerDuty',
      api: true,
    });
  const incidentPath = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;
  return {
    incident: (ref) => get(incidentPath(ref)),
    alerts: (id) => {
      // The pages after the first share one call's time between them: ten pages each answering
      // just within the timeout would hold `start` for ten timeouts. What was read by then is kept.
      let later: AbortSignal | undefined;
      return allAlerts((offset) => {
        if (offset > 0) later ??= AbortSignal.timeout(Math.max(1, Math.floor(timeoutMs)));
        return get(`${incidentPath(id)}/alerts?limit=${ALERTS_PAGE}&offset=${offset}`, later);
      });
    },
    me: () => get('/users/me'),
  };
}

/**
 * Every page of an incident's alerts, in PagerDuty's order (created): each
 * next page from where the last one ended, until PagerDuty says there are no
 * `more`, or MOST_ALERTS were read (said). A page that cannot be read ends it
 * with what was read, said; the first one is the caller's problem.
 */
async function allAlerts(
  page: (offset: number) => Promise<Answered | Failed>,
): Promise<AlertsRead | Failed> {
  const alerts: unknown[] = [];
  for (;;) {
    const answer = await page(alerts.length);
    if (!answer.ok) {
      if (alerts.length === 0) return answer;
      return {
        ok: true,
        alerts,
        said: [`${answer.problem}: read the incident's first ${alerts.length} alerts only`],
      };
    }
    const read = alertsPage(answer.json);
    alerts.push(...read.alerts);
    if (!read.more) return { ok: true, alerts, said: [] };
    if (alerts.length >= MOST_ALERTS) {
      return {
        ok: true,
        alerts,
        said: [
          `the PagerDuty incident has more than ${alerts.length} alerts: read the first ${alerts.length}`,
        ],
      };
    }
  }
}

/** How long one call may take: the section's timeoutSeconds, else the context's, else 4s. */
export function callTimeoutMs(
  section: { timeoutSeconds?: number | undefined } | undefined,
  fallbackMs: number | undefined,
): number {
  if (section?.timeoutSeconds) return section.timeoutSeconds * 1000;
  return fallbackMs ?? 4_000;
}
