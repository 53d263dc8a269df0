// How each service's answer is read: delivered, worth a retry, or failed for
// good (a retry would get the same answer: a bad key, a malformed body, an
// archived channel). Pure: the answer in, the verdict out.
import type { DeliveryOutcome, DeliveryVia } from '../incident/delivery-kinds.js';
import { alreadyDone } from './channels/pagerduty-rest.js';
import { refusalHint, type SlackMeaning, slackMeaning } from './refusals.js';

/** What came back from one attempt. */
export interface Answer {
  /** HTTP status, when the server answered. */
  status?: number;
  /** The response body (or a program's last stderr line), as text. */
  body?: string;
  /** The Retry-After header, as sent. */
  retryAfter?: string;
  /** PagerDuty REST's ratelimit-reset header: seconds until its limit resets. */
  rateLimitReset?: string;
  /** No answer within the time allowed. */
  timedOut?: boolean;
  /** The request never got an answer: refused, DNS, TLS; or a secret is missing. */
  error?: string;
  /** The error will not go away by itself (a program that does not exist). */
  permanent?: boolean;
  exitCode?: number | null;
  signal?: string;
  durationMs: number;
}

export interface Verdict {
  outcome: DeliveryOutcome;
  /** One line for the log and the responder (secrets are scrubbed by the caller). */
  error?: string;
  /** Not before this long from now (Retry-After, or a service's own floor after a 429). */
  minDelayMs?: number;
  rateLimited?: boolean;
  /** Refused for its size: a retry is rebuilt smaller (never the same bytes again). */
  tooLarge?: boolean;
}

/** Retry-After in ms: seconds, or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** PagerDuty's own words: `{"message": "...", "errors": ["..."]}`; Slack's are the body itself. */
function serviceWords(body: string | undefined): string | undefined {
  const text = body?.trim();
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as {
      message?: unknown;
      errors?: unknown;
      error?: unknown;
      status?: unknown;
    };
    // PagerDuty's REST API nests them: {"error": {"message", "code", "errors"}}.
    const nested = parsed.error;
    const json =
      nested && typeof nested === 'object' && !Array.isArray(nested)
        ? (nested as typeof parsed)
        : parsed;
    const said = json.message ?? json.error ?? json.status;
    const parts = [said, ...(Array.isArray(json.errors) ? json.errors : [])]
      .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      .map((p) => p.trim());
    if (parts.length) return parts.join(': ');
  } catch {
    // not JSON: the body is the message
  }
  return text.split('\n')[0];
}

function httpError(answer: Answer): string {
  const words = serviceWords(answer.body);
  return `HTTP ${answer.status}${words ? `: ${words.slice(0, 200)}` : ''}`;
}

/** After a 429 PagerDuty asks for a pause of minutes; we wait at least this long. */
const PAGERDUTY_RATE_LIMIT_FLOOR_MS = 30_000;
/** After a 429 without Retry-After, other services are left alone this long at least. */
const RATE_LIMIT_FLOOR_MS = 1_000;

/**
 * How services say a body is too large: 413 anywhere; a 400 from Teams ("The
 * payload is too large") or PagerDuty whose words name the size. Slack's
 * words are read from its own table (refusals.ts).
 */
const SIZE_WORDS = /too (?:large|long|big)|(?:size|length) (?:limit|exceeded)|exceeds?/i;

function refusedForSize(answer: Answer): boolean {
  if (answer.status === 413) return true;
  return answer.status === 400 && SIZE_WORDS.test(answer.body ?? '');
}

/**
 * A legacy Office 365 connector answers 200 when Teams refused the message
 * too ("Connectors do not throw 429s": Microsoft's connectors page reads the
 * body), with words such as `Webhook message delivery failed with error:
 * Microsoft Teams endpoint returned HTTP error 429 with ContextId …`; it
 * answers `1` when the message was posted. The status Teams gave, when said.
 */
function connectorRefusal(via: DeliveryVia, answer: Answer): number | undefined {
  if (via !== 'teams' || answer.status === undefined) return undefined;
  if (answer.status < 200 || answer.status >= 300) return undefined;
  const body = answer.body ?? '';
  const said = /returned HTTP error (\d{3})/i.exec(body);
  if (said?.[1]) return Number(said[1]);
  // No status in the words: it failed, for a reason that may pass.
  return /delivery failed/i.test(body) ? 502 : undefined;
}

/** A body that is a web page: a captive portal's or a proxy's, never what these services answer. */
const HTML_PAGE = /^\s*<(?:!doctype\s+html|html|head|body|meta|title)\b/i;

/** The services whose success is a documented answer: a web page in its place means they were not reached. */
const SERVICE_NAMES: Partial<Record<DeliveryVia, string>> = {
  slack: 'Slack',
  teams: 'Teams',
  pagerduty: 'PagerDuty',
  'pagerduty-rest': 'PagerDuty',
};

/** What came back instead of the service's answer, in a few words. */
function instead(body: string | undefined): string {
  const text = body?.trim() ?? '';
  if (HTML_PAGE.test(text)) return 'a web page (a captive portal or a proxy answered)';
  if (text === '') return 'an empty body';
  return JSON.stringify(text.split('\n')[0]?.slice(0, 80));
}

/** Not the service's answer though the status says success: it waits and is sent again. */
function notTheService(via: DeliveryVia, answer: Answer, expected: string): Verdict {
  const name = SERVICE_NAMES[via] ?? via;
  return {
    outcome: 'retry',
    error: `HTTP ${answer.status} without ${name}'s ${expected}: ${instead(answer.body)}`,
  };
}

/** What a Slack error word means for the message (refusals.ts's table). */
function slackVerdict(meaning: SlackMeaning, answer: Answer, now: number): Verdict {
  if (meaning.kind === 'too-large')
    return { outcome: 'retry', error: httpError(answer), tooLarge: true };
  if (meaning.kind === 'refused') return { outcome: 'failed', error: httpError(answer) };
  const after = retryAfterMs(answer.retryAfter, now);
  return { outcome: 'retry', error: httpError(answer), ...(after ? { minDelayMs: after } : {}) };
}

/**
 * Slack's incoming webhook says `ok` (HTTP 200) when it posted the message; a
 * Web API answer says `{"ok": true}`, or `{"ok": false, "error": …}` with the
 * words of its errors table. Anything else under a 2xx was not Slack.
 */
function slackSuccess(answer: Answer, now: number): Verdict {
  const body = answer.body?.trim() ?? '';
  if (body === 'ok') return { outcome: 'delivered' };
  if (body.startsWith('{')) {
    let said: { ok?: unknown; error?: unknown } = {};
    try {
      said = JSON.parse(body) as typeof said;
    } catch {
      // not JSON: not Slack's answer
    }
    if (said.ok === true) return { outcome: 'delivered' };
    if (said.ok === false && typeof said.error === 'string') {
      const meaning = slackMeaning(body);
      return meaning
        ? slackVerdict(meaning, answer, now)
        : { outcome: 'failed', error: httpError(answer) };
    }
  }
  return notTheService('slack', answer, '"ok"');
}

/** A redirect is not followed (the message and its secrets go only where configured): moved for good, or for now. */
function redirectVerdict(answer: Answer): Verdict {
  const status = answer.status ?? 0;
  const error = `HTTP ${status}: redirected elsewhere, not followed`;
  return status === 301 || status === 308
    ? { outcome: 'failed', error }
    : { outcome: 'retry', error };
}

function httpVerdict(via: DeliveryVia, answer: Answer, now: number): Verdict {
  const refused = connectorRefusal(via, answer);
  const status = refused ?? answer.status ?? 0;
  if (status >= 200 && status < 300) {
    if (via === 'slack') return slackSuccess(answer, now);
    if (SERVICE_NAMES[via] && HTML_PAGE.test(answer.body ?? ''))
      return notTheService(via, answer, 'answer');
    return { outcome: 'delivered' };
  }
  if (status >= 300 && status < 400) return redirectVerdict(answer);
  const meaning = via === 'slack' && status !== 429 ? slackMeaning(answer.body) : undefined;
  if (meaning) return slackVerdict(meaning, answer, now);
  const after = retryAfterMs(answer.retryAfter, now);
  if (refusedForSize({ ...answer, status }))
    return { outcome: 'retry', error: httpError(answer), tooLarge: true };
  if (status === 429) {
    const floor = via === 'pagerduty' ? PAGERDUTY_RATE_LIMIT_FLOOR_MS : RATE_LIMIT_FLOOR_MS;
    return {
      outcome: 'retry',
      error: httpError(answer),
      rateLimited: true,
      minDelayMs: Math.max(after ?? 0, floor),
    };
  }
  // A timeout the server reports, and every 5xx, may go away; any other 4xx will not.
  if (status === 408 || status >= 500) {
    return { outcome: 'retry', error: httpError(answer), ...(after ? { minDelayMs: after } : {}) };
  }
  return { outcome: 'failed', error: httpError(answer) };
}

/** PagerDuty REST's error code, `{"error": {"code": 2016}}`, when the body has one. */
function restCode(body: string | undefined): number | undefined {
  try {
    const code = (JSON.parse(body ?? '') as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** What to fix, for the PagerDuty REST refusals a responder can fix. */
function restHint(status: number, code: number | undefined, target: string): string {
  if (code === 2016 || code === 1008 || code === 1028)
    return '; set pagerduty.from in the config to your PagerDuty login email';
  if (status === 401) return `; the token in ${target} was refused: set a valid REST API token`;
  if (status === 403) return `; the token in ${target} may not write (a read-only key?)`;
  return '';
}

/**
 * PagerDuty's REST API (acknowledge, resolve, note on an incident): an error
 * code saying it is already so counts as done; a 429 waits out its
 * ratelimit-reset (PagerDuty sends no Retry-After there).
 */
function restVerdict(kind: string, answer: Answer, now: number, tokenEnv: string): Verdict {
  const status = answer.status ?? 0;
  const code = restCode(answer.body);
  if (alreadyDone(kind, code)) return { outcome: 'delivered' };
  if (status === 429) {
    const reset = retryAfterMs(answer.rateLimitReset, now) ?? retryAfterMs(answer.retryAfter, now);
    return {
      outcome: 'retry',
      error: httpError(answer),
      rateLimited: true,
      minDelayMs: Math.max(reset ?? 0, RATE_LIMIT_FLOOR_MS),
    };
  }
  const verdict = httpVerdict('pagerduty-rest', answer, now);
  if (verdict.outcome !== 'failed') return verdict;
  return { ...verdict, error: `${verdict.error}${restHint(status, code, tokenEnv)}` };
}

/** How the item was sent, for reading its answer: its kind, the variable its secret is in. */
interface Sent {
  kind?: string;
  /** PagerDuty REST: the token's variable. */
  tokenEnv?: string;
  /** The variable holding the URL (Slack, Teams, webhook) or the routing key (PagerDuty). */
  secretEnv?: string;
}

export function verdictOf(via: DeliveryVia, answer: Answer, now: number, sent: Sent = {}): Verdict {
  const seconds = (answer.durationMs / 1000).toFixed(1);
  if (answer.timedOut) return { outcome: 'retry', error: `no answer within ${seconds}s` };
  if (answer.error !== undefined) {
    return { outcome: answer.permanent ? 'failed' : 'retry', error: answer.error };
  }
  if (via === 'command') {
    if (answer.exitCode === 0) return { outcome: 'delivered' };
    const how = answer.signal ? `killed by ${answer.signal}` : `exit ${answer.exitCode}`;
    const said = answer.body?.trim();
    return { outcome: 'retry', error: `${how}${said ? `: ${said.slice(0, 200)}` : ''}` };
  }
  if (via === 'pagerduty-rest')
    return restVerdict(sent.kind ?? '', answer, now, sent.tokenEnv ?? 'its variable');
  const verdict = httpVerdict(via, answer, now);
  if (verdict.outcome !== 'failed') return verdict;
  const hint = refusalHint(via, answer.status ?? 0, answer.body, sent.secretEnv);
  return { ...verdict, error: `${verdict.error}${hint}` };
}
