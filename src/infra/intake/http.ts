// One call to PagerDuty, Alertmanager or a runbook's web server: Node's own
// fetch, bounded by a timeout (the headers and the body both: AbortSignal
// covers the read), answered as data or as one line saying why not. A
// failure never throws and never quotes a secret: the caller's secrets are
// scrubbed from whatever the network layer said.
import {
  redirectRule,
  redirectTarget,
  sameOrigin,
  shownAddress,
} from '../../domain/delivery/redirects.js';
import { scrub } from '../delivery/secrets.js';

interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** Ends the call early too (a time shared by several calls: the pages of one list). */
  signal?: AbortSignal;
  /** Every secret in the request (a token, a header value): never in a problem's words. */
  secrets?: readonly string[];
  /**
   * The settings the request's secrets came from, as the responder wrote them
   * (`alertmanager.headersEnv.X-Api-Key (AM_KEY)`): set, a redirect is followed
   * only to the same origin, and one elsewhere is refused naming them.
   */
  carries?: string;
  /** What to call the service in a problem ("PagerDuty", "Alertmanager"). */
  service: string;
  /**
   * The service's API answers JSON (or nothing): a web page under a 2xx is a
   * captive portal's or a proxy's, not its answer. A runbook's server leaves it unset.
   */
  api?: boolean;
}

export interface Answered {
  ok: true;
  status: number;
  /** The body, parsed when it is JSON (undefined when empty or not JSON). */
  json: unknown;
  text: string;
  contentType?: string;
  etag?: string;
  /** PagerDuty REST: seconds until its rate limit resets. */
  rateLimitReset?: string;
}

export interface Failed {
  ok: false;
  /** One line: what went wrong, for the responder. */
  problem: string;
  status?: number;
  json?: unknown;
  timedOut?: boolean;
}

/** "4s", "0.5s": for "did not answer within 4s". */
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)}s`;

function networkWords(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

/** The service's own words in an error body: `{"error": {"message"}}`, `{"message"}`, a JSON string, text. */
function wordsOf(json: unknown, text: string): string | undefined {
  if (typeof json === 'string') return json;
  const o = json as { error?: unknown; message?: unknown } | undefined;
  const error = o?.error;
  if (typeof error === 'string') return error;
  const nested = (error as { message?: unknown; errors?: unknown } | undefined)?.message;
  const details = (error as { errors?: unknown } | undefined)?.errors;
  if (typeof nested === 'string') {
    const more = Array.isArray(details) ? details.filter((d) => typeof d === 'string') : [];
    return [nested, ...more].join(': ');
  }
  if (typeof o?.message === 'string') return o.message;
  const line = text.trim().split('\n')[0];
  return line ? line.slice(0, 200) : undefined;
}

function parsed(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A body that is a web page, never what an API answers. */
const WEB_PAGE = /^\s*<(?:!doctype\s+html|html|head|body|meta|title)\b/i;

/** fetch's own limit on redirects it follows. */
const MOST_REDIRECTS = 20;

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

/**
 * fetch, following redirects as redirects.ts's rule says: a read carrying a
 * secret only to its own origin (a redirect elsewhere is the one line saying
 * which setting would have gone where).
 */
async function fetchWithin(
  url: string,
  init: RequestInit,
  options: CallOptions,
): Promise<Response | Failed> {
  const rule = redirectRule(options.method ?? 'GET', options.carries !== undefined);
  if (rule !== 'same-origin') {
    return fetch(url, { ...init, redirect: rule === 'any' ? 'follow' : 'manual' });
  }
  let current = url;
  for (let hops = 0; ; hops++) {
    const response = await fetch(current, { ...init, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!isRedirect(response.status) || location === null || hops >= MOST_REDIRECTS) {
      return response;
    }
    await response.body?.cancel();
    const next = redirectTarget(current, location);
    if (!next || !sameOrigin(current, next)) {
      const where = next ? shownAddress(next) : JSON.stringify(location.slice(0, 80));
      return {
        ok: false,
        status: response.status,
        problem: `${options.service} redirected to ${where} (another origin): not followed, so ${options.carries} is not sent there; if the service moved, set its new address in config`,
      };
    }
    current = next.href;
  }
}

/**
 * Makes the call; a non-2xx answer, a timeout or no connection comes back as
 * a problem in one line. A write is never redirected: fetch would turn a
 * POST (and after a 303 a DELETE) into a GET of wherever it points, a captive
 * portal's page whose 200 would read as done; a read carrying a secret
 * only to its own origin (fetchWithin).
 */
/** The call's own timeout, and the shared one it is given, whichever ends first. */
function withinTime(options: CallOptions): AbortSignal {
  const own = AbortSignal.timeout(Math.max(1, Math.floor(options.timeoutMs)));
  return options.signal ? AbortSignal.any([own, options.signal]) : own;
}

export async function call(url: string, options: CallOptions): Promise<Answered | Failed> {
  const secrets = options.secrets ?? [];
  const say = (words: string) => scrub(words.replace(/\s+/g, ' ').trim(), secrets);
  try {
    const response = await fetchWithin(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: withinTime(options),
      },
      options,
    );
    if ('problem' in response) return { ...response, problem: say(response.problem) };
    const text = await response.text();
    const json = parsed(text);
    if (options.api && response.ok && WEB_PAGE.test(text)) {
      return {
        ok: false,
        problem: `${options.service} did not answer: a web page came back instead (a captive portal or a proxy?)`,
      };
    }
    if (response.status < 200 || response.status >= 300) {
      const words = wordsOf(json, text);
      return {
        ok: false,
        status: response.status,
        json,
        problem: say(
          `${options.service} answered HTTP ${response.status}${words ? `: ${words.slice(0, 200)}` : ''}`,
        ),
      };
    }
    const contentType = response.headers.get('content-type') ?? undefined;
    const etag = response.headers.get('etag') ?? undefined;
    const reset = response.headers.get('ratelimit-reset') ?? undefined;
    return {
      ok: true,
      status: response.status,
      json,
      text,
      ...(contentType ? { contentType } : {}),
      ...(etag ? { etag } : {}),
      ...(reset ? { rateLimitReset: reset } : {}),
    };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return {
        ok: false,
        timedOut: true,
        problem: `${options.service} did not answer within ${seconds(options.timeoutMs)}`,
      };
    }
    return {
      ok: false,
      problem: say(`${options.service} cannot be reached: ${networkWords(error)}`),
    };
  }
}
