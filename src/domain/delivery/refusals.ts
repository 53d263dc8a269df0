// What the responder can do about a refusal that a retry would only repeat,
// in the words each service documents for it (contracts B5 Slack, B6 Teams,
// B7 PagerDuty Events): the fix, naming the variable that holds the URL or
// the key (never its value). Pure.
import type { DeliveryVia } from '../incident/delivery-kinds.js';

/** What one of Slack's error words means for the message: cut it, try it again later, or fix something first. */
export type SlackMeaning =
  | { kind: 'too-large' }
  | { kind: 'retry' }
  | { kind: 'refused'; fix: (env: string) => string };

const removed = (env: string) =>
  `the webhook in ${env} was removed or revoked: make a new incoming webhook and set it`;
const refused = (fix: (env: string) => string): SlackMeaning => ({ kind: 'refused', fix });

/**
 * Slack's error words (the incoming webhook's body, or `error` in a Web API
 * answer), as its "Handling errors" table for incoming webhooks, its 2016
 * changelog of their statuses and chat.postMessage's errors document them.
 * Only a message too long for Slack is cut and sent again; a payload Slack
 * cannot read (`invalid_payload`, `no_text`) is ours or something in between
 * mangled it, and a smaller one would be refused the same.
 */
const SLACK: Record<string, SlackMeaning> = {
  msg_too_long: { kind: 'too-large' },
  msg_blocks_too_long: { kind: 'too-large' },
  too_many_blocks: { kind: 'too-large' },
  too_many_attachments: { kind: 'too-large' },
  // "Blocks submitted with this message are not valid": what Slack answers for a block over its own limit.
  invalid_blocks: { kind: 'too-large' },
  invalid_payload: refused(
    (env) =>
      `Slack could not read the message as JSON of a message: check that ${env} is an app's incoming webhook (https://hooks.slack.com/services/…) and that no proxy rewrites the request`,
  ),
  no_text: refused(
    (env) =>
      `Slack found no text in the message: check that ${env} is an app's incoming webhook (https://hooks.slack.com/services/…)`,
  ),
  invalid_blocks_format: refused(
    (env) =>
      `Slack could not read the message's blocks: check that ${env} is an app's incoming webhook (https://hooks.slack.com/services/…)`,
  ),
  user_not_found: refused(
    () => 'Slack knows no such user: check the slack member id of the contact in the config',
  ),
  channel_is_archived: refused(
    (env) =>
      `the channel is archived: unarchive it, or set a webhook for another channel in ${env}`,
  ),
  channel_not_found: refused(
    (env) =>
      `the channel this webhook posts to is gone: make a new incoming webhook and set it in ${env}`,
  ),
  action_prohibited: refused(
    () =>
      'a Slack admin restricts posting to that channel: ask them, or use a webhook for another channel',
  ),
  posting_to_general_channel_denied: refused(
    () => 'only admins may post to that channel: use a webhook for another channel',
  ),
  no_service: refused(removed),
  no_service_id: refused(removed),
  no_team: refused(removed),
  invalid_token: refused(removed),
  team_disabled: refused(() => 'that Slack workspace is disabled'),
  // "something strange and unusual happened that was likely not your fault at all" (500).
  rollup_error: { kind: 'retry' },
  rate_limited: { kind: 'retry' },
  ratelimited: { kind: 'retry' },
};

/** Slack's error word in an answer's body: the webhook's plain text, or a Web API answer's `error`. */
function slackWord(body: string | undefined): string {
  const text = body?.trim() ?? '';
  if (text.startsWith('{')) {
    try {
      const error = (JSON.parse(text) as { error?: unknown }).error;
      return typeof error === 'string' ? error : '';
    } catch {
      return '';
    }
  }
  const word = text.split(/\s/)[0] ?? '';
  return /^[a-z_]+$/.test(word) ? word : '';
}

/** What Slack's answer means, when its body is one of the words Slack documents. */
export function slackMeaning(body: string | undefined): SlackMeaning | undefined {
  const word = slackWord(body);
  return Object.hasOwn(SLACK, word) ? SLACK[word] : undefined;
}

function slackHint(status: number, body: string, env: string): string | undefined {
  const meaning = slackMeaning(body);
  if (meaning?.kind === 'refused') return meaning.fix(env);
  if (status === 401 || status === 403 || status === 404)
    return `check the webhook URL in ${env} (a new incoming webhook if it was removed)`;
  return undefined;
}

/** `; <the fix>` for a refusal for good, or '' when there is nothing better to say than its words. */
export function refusalHint(
  via: DeliveryVia,
  status: number,
  body: string | undefined,
  env: string | undefined,
): string {
  const where = env ?? 'its variable';
  let hint: string | undefined;
  if (status === 301 || status === 308)
    hint = `the URL in ${where} moved for good: set the address it now redirects to`;
  else if (via === 'slack') hint = slackHint(status, body ?? '', where);
  else if (via === 'teams' || via === 'webhook') {
    if (status === 404 || status === 410)
      hint = `the URL in ${where} no longer answers${via === 'teams' ? ' (its flow deleted or turned off?): make a new Workflows webhook and set it' : ': check it'}`;
    else if (status === 401 || status === 403)
      hint = `refused: check the URL in ${where}${via === 'webhook' ? ' and the header values' : ''}`;
  } else if (via === 'pagerduty' && /routing_key|integration key/i.test(body ?? ''))
    hint = `check that ${where} holds the Events API v2 integration key (32 characters) of the service`;
  else if (via === 'pagerduty' && (status === 401 || status === 403 || status === 404))
    hint = `check the routing key in ${where}`;
  return hint ? `; ${hint}` : '';
}

/** The variable a channel's URL or routing key is in (its recorded target), to name in a fix. */
export function secretEnvOf(target: Record<string, unknown>): { secretEnv?: string } {
  const env = target.urlEnv ?? target.routingKeyEnv;
  return typeof env === 'string' ? { secretEnv: env } : {};
}
