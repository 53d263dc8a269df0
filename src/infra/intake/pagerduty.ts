// Reading PagerDuty's REST API v2 (contracts A1): an incident by id or number,
// its alerts, and who the token belongs to (doctor). The token comes from the
// environment (`pagerduty.apiTokenEnv`, or `<NAME>_FILE`) when a call is made,
// and is never written anywhere, nor said in a problem. Writes (acknowledge,
// resolve, notes) go through the outbox instead (domain/delivery/channels/pagerduty-rest.ts).
import type { PagerDutyConfig } from '../../domain/config/intake.js';
import { restUrl } from '../../domain/delivery/channels/pagerduty-rest.js';
import { readSecret } from '../delivery/secrets.js';
import { type Answered, call, type Failed } from './http.js';

const ACCEPT = 'application/vnd.pagerduty+json;version=2';

interface PagerDutyReader {
  /** GET /incidents/{id or number}: "Accepts either an incident id, or an incident number." */
  incident(ref: string): Promise<Answered | Failed>;
  /** GET /incidents/{id}/alerts (the id: only GET /incidents documents numbers). */
  alerts(id: string): Promise<Answered | Failed>;
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
  const get = (path: string) =>
    call(restUrl(config.baseUrl, path), {
      headers: { Accept: ACCEPT, Authorization: authorization, 'Content-Type': 'application/json' },
      timeoutMs,
      secrets: [authorization, token],
      service: 'PagerDuty',
    });
  const incidentPath = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;
  return {
    incident: (ref) => get(incidentPath(ref)),
    // The alert the incident is about is among the first: triggered ones, newest first would
    // miss the first trigger; PagerDuty's default order (created) with a page of 25 is enough.
    alerts: (id) => get(`${incidentPath(id)}/alerts?limit=25`),
    me: () => get('/users/me'),
  };
}

/** How long one call may take: the section's timeoutSeconds, else the context's, else 4s. */
export function callTimeoutMs(
  section: { timeoutSeconds?: number | undefined } | undefined,
  fallbackMs: number | undefined,
): number {
  if (section?.timeoutSeconds) return section.timeoutSeconds * 1000;
  return fallbackMs ?? 4_000;
}
