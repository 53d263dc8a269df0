// Alertmanager's API v2 (contracts A2): the firing alerts and how they are
// grouped, silences made and ended, and its status (doctor). The base URL is
// config `alertmanager.url` (or the variable `urlEnv` names); headers a proxy
// in front of it wants (basic or bearer auth) come from the environment.
import type { AlertmanagerConfig } from '../../domain/config/intake.js';
import { readSecret } from '../delivery/secrets.js';
import { type Answered, call, type Failed } from './http.js';

export interface AlertmanagerApi {
  /** Where it is, as it may be shown (no credentials). */
  shown: string;
  /** GET /api/v2/alerts of firing alerts not silenced nor inhibited. */
  alerts(): Promise<Answered | Failed>;
  /** GET /api/v2/alerts/groups, the same alerts as Alertmanager groups them. */
  groups(): Promise<Answered | Failed>;
  /** POST /api/v2/silences: 200 {silenceID}. */
  createSilence(body: Record<string, unknown>): Promise<Answered | Failed>;
  /** DELETE /api/v2/silence/{id} (singular): expires it; again on an expired one is 200. */
  expireSilence(id: string): Promise<Answered | Failed>;
  /** GET /api/v2/status: the cheapest sign it answers. Its config is never logged. */
  status(): Promise<Answered | Failed>;
}

/** The URL as it may be said: scheme, host and path, never a user or password in it. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'Alertmanager';
  }
}

/**
 * fetch refuses a URL with a user and password in it: they go as basic auth
 * instead (and are secrets, scrubbed from anything said).
 */
function withoutCredentials(url: string): { base: string; basic: Record<string, string> } {
  const trimmed = url.replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(trimmed);
  } catch {
    return { base: trimmed, basic: {} };
  }
  if (!u.username) return { base: trimmed, basic: {} };
  const pair = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return {
    base: u.toString().replace(/\/+$/, ''),
    basic: { Authorization: `Basic ${Buffer.from(pair).toString('base64')}` },
  };
}

/** The client, or the one line saying what is missing (the URL, a header's variable). */
export function alertmanagerApi(
  config: AlertmanagerConfig | undefined,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): AlertmanagerApi | { problem: string } {
  if (!config) {
    return {
      problem:
        'no Alertmanager in config: add `alertmanager: { url: http://alertmanager:9093 }` (or urlEnv)',
    };
  }
  const given = config.url ?? (config.urlEnv ? env[config.urlEnv]?.trim() : undefined);
  if (!given) return { problem: `alertmanager.urlEnv: ${config.urlEnv} is not set` };
  const { base, basic } = withoutCredentials(given);
  const headers: Record<string, string> = { Accept: 'application/json', ...basic };
  // A URL with a password in it is a secret as a whole, as its basic auth is.
  const secrets: string[] = Object.keys(basic).length ? [...Object.values(basic), given] : [];
  // Where each secret was configured: named if a redirect would take it elsewhere.
  const carried: string[] = Object.keys(basic).length
    ? [`the user and password in ${config.url ? 'alertmanager.url' : config.urlEnv}`]
    : [];
  for (const [header, name] of Object.entries(config.headersEnv ?? {})) {
    const read = readSecret(env, name);
    if (!read.value) return { problem: `alertmanager.headersEnv.${header}: ${read.problem}` };
    headers[header] = read.value;
    secrets.push(read.value);
    carried.push(`alertmanager.headersEnv.${header} (${name})`);
  }
  const shown = shownUrl(base);
  const service = `Alertmanager (${shown})`;
  const request = (method: string, path: string, body?: Record<string, unknown>) =>
    call(`${base}/api/v2${path}`, {
      method,
      headers: body ? { ...headers, 'Content-Type': 'application/json' } : headers,
      ...(body ? { body } : {}),
      timeoutMs,
      secrets,
      ...(carried.length ? { carries: carried.join(' and ') } : {}),
      service,
      api: true,
    });
  const firing = 'active=true&silenced=false&inhibited=false';
  return {
    shown,
    alerts: () => request('GET', `/alerts?${firing}`),
    groups: () => request('GET', `/alerts/groups?${firing}`),
    createSilence: (body) => request('POST', '/silences', body),
    expireSilence: (id) => request('DELETE', `/silence/${encodeURIComponent(id)}`),
    status: () => request('GET', '/status'),
  };
}
