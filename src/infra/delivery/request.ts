// From a queued delivery (where it goes, minus secrets; what it says) to the
// request actually made, secrets read from the environment at that moment;
// and the same request with its secrets masked, for --dry-run.

import { enqueueUrl } from '../../domain/delivery/channels/pagerduty.js';
import { restUrl } from '../../domain/delivery/channels/pagerduty-rest.js';
import { DELIVERY_VIAS, type DeliveryVia } from '../../domain/incident/delivery-kinds.js';
import { DELIVERY_SECRET_MASK, maskUrl, readSecret } from './secrets.js';

/** Where a delivery goes, as recorded: the channel's config (no secret in it) and, for a program, its folder. */
interface Target {
  type: DeliveryVia;
  routingKeyEnv?: string;
  /** PagerDuty REST: the token's variable, and the `From` email. */
  apiTokenEnv?: string;
  from?: string;
  baseUrl?: string;
  source?: string;
  urlEnv?: string;
  headersEnv?: Record<string, string>;
  argv?: string[];
  cwd?: string;
  timeoutSeconds?: number;
}

export interface HttpRequest {
  kind: 'http';
  /** POST unless said (PagerDuty's REST API also takes PUT). */
  method?: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Every secret this request holds, to scrub from anything said about it. */
  secrets: string[];
}

export interface ProgramRequest {
  kind: 'program';
  argv: string[];
  cwd?: string;
  stdin: string;
  env: Record<string, string>;
  secrets: string[];
}

/** A secret is missing, or the record names no known channel type. */
interface Unsendable {
  kind: 'unsendable';
  problem: string;
  /** True when no later attempt can help (the log names an unknown channel type). */
  permanent: boolean;
}

export type Concrete = HttpRequest | ProgramRequest | Unsendable;

/** What the recorded target says, checked: a hand-edited log must not crash a flush. */
function targetOf(raw: Record<string, unknown>): Target | undefined {
  const type = raw.type;
  if (typeof type !== 'string' || !(DELIVERY_VIAS as readonly string[]).includes(type)) {
    return undefined;
  }
  return raw as unknown as Target;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** PagerDuty REST API v2: "this format must be followed precisely or you will receive a 401". */
const PAGERDUTY_ACCEPT = 'application/vnd.pagerduty+json;version=2';

type Secrets = (name: string) => string | undefined;

/**
 * A PagerDuty REST call (acknowledge, resolve, note): the token as
 * `Authorization: Token token=…`, and `From` when the config names the
 * responder's email (an account-level token cannot write without it).
 */
function restRequest(
  target: Target,
  request: Record<string, unknown>,
  secret: Secrets,
): HttpRequest | Unsendable {
  const token = target.apiTokenEnv ? secret(target.apiTokenEnv) : undefined;
  if (token === undefined) return missing(target.apiTokenEnv);
  const authorization = `Token token=${token}`;
  return {
    kind: 'http',
    method: typeof request.method === 'string' ? request.method : 'PUT',
    url: restUrl(target.baseUrl, typeof request.path === 'string' ? request.path : '/'),
    headers: {
      ...JSON_HEADERS,
      Accept: PAGERDUTY_ACCEPT,
      Authorization: authorization,
      ...(target.from ? { From: target.from } : {}),
    },
    body: (request.body ?? {}) as Record<string, unknown>,
    secrets: [authorization, token],
  };
}

function httpRequest(
  target: Target,
  body: Record<string, unknown>,
  secret: Secrets,
): HttpRequest | Unsendable {
  const secrets: string[] = [];
  const need = (name: string | undefined): string | undefined => {
    const value = name ? secret(name) : undefined;
    if (value !== undefined) secrets.push(value);
    return value;
  };
  if (target.type === 'pagerduty') {
    const key = need(target.routingKeyEnv);
    if (key === undefined) return missing(target.routingKeyEnv);
    return {
      kind: 'http',
      url: enqueueUrl(target.baseUrl),
      headers: { ...JSON_HEADERS },
      body: { routing_key: key, ...body },
      secrets,
    };
  }
  const url = need(target.urlEnv);
  if (url === undefined) return missing(target.urlEnv);
  const headers: Record<string, string> = { ...JSON_HEADERS };
  for (const [header, env] of Object.entries(target.headersEnv ?? {})) {
    const value = need(env);
    if (value === undefined) return missing(env);
    headers[header] = value;
  }
  return { kind: 'http', url, headers, body, secrets };
}

function missing(name: string | undefined): Unsendable {
  return { kind: 'unsendable', problem: `${name ?? 'its variable'} is not set`, permanent: false };
}

/**
 * The request to make now. `secret(name)` reads one secret (the environment,
 * or a test's); a missing one makes it unsendable until someone sets it.
 */
export function concreteRequest(
  rawTarget: Record<string, unknown>,
  request: Record<string, unknown>,
  secret: Secrets,
): Concrete {
  const target = targetOf(rawTarget);
  if (!target) return { kind: 'unsendable', problem: 'unknown channel type', permanent: true };
  if (target.type === 'command') {
    return {
      kind: 'program',
      argv: target.argv ?? [],
      ...(target.cwd ? { cwd: target.cwd } : {}),
      stdin: typeof request.stdin === 'string' ? request.stdin : '',
      env: (request.env ?? {}) as Record<string, string>,
      secrets: [],
    };
  }
  if (target.type === 'pagerduty-rest') return restRequest(target, request, secret);
  return httpRequest(target, (request.body ?? {}) as Record<string, unknown>, secret);
}

/** Reads secrets from `env` (or `<NAME>_FILE`), the way every send does. */
export function envSecrets(env: NodeJS.ProcessEnv): Secrets {
  return (name) => readSecret(env, name).value;
}

/** Stands in for a secret that is not set, so --dry-run can still show the request. */
const unsetPlaceholder = (name: string) => `<${name} is not set>`;

/**
 * For --dry-run: secrets from `env` when set (masked when shown), else a
 * placeholder naming the variable, which is shown as it is.
 */
export function previewSecrets(env: NodeJS.ProcessEnv): Secrets {
  return (name) => readSecret(env, name).value ?? unsetPlaceholder(name);
}

const isPlaceholder = (value: string) => /^<[A-Za-z_][A-Za-z0-9_]* is not set>$/.test(value);

/** The request as --dry-run prints it: method, URL, headers and body, every secret masked. */
export function describeRequest(concrete: Concrete): string[] {
  if (concrete.kind === 'unsendable') return [`(cannot be sent: ${concrete.problem})`];
  if (concrete.kind === 'program') {
    const env = Object.entries(concrete.env).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    return [
      `run ${concrete.argv.map((a) => JSON.stringify(a)).join(' ')}${concrete.cwd ? ` in ${concrete.cwd}` : ''}`,
      ...env.map((line) => `  env ${line}`),
      '  stdin:',
      ...concrete.stdin
        .trimEnd()
        .split('\n')
        .map((line) => `    ${line}`),
    ];
  }
  const masked = new Set(concrete.secrets.filter((s) => !isPlaceholder(s)));
  const headers = Object.entries(concrete.headers).map(
    ([k, v]) => `${k}: ${masked.has(v) ? DELIVERY_SECRET_MASK : v}`,
  );
  const body = { ...concrete.body };
  if (typeof body.routing_key === 'string' && masked.has(body.routing_key))
    body.routing_key = DELIVERY_SECRET_MASK;
  return [
    `${concrete.method ?? 'POST'} ${masked.has(concrete.url) ? maskUrl(concrete.url) : concrete.url}`,
    ...headers,
    '',
    JSON.stringify(body, null, 2),
  ];
}
