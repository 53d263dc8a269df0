// What the responder can do about a refusal that a retry would only repeat,
// in the words each service documents for it (contracts B5 Slack, B6 Teams,
// B7 PagerDuty Events): the fix, naming the variable that holds the URL or
// the key (never its value). Pure.
import type { DeliveryVia } from '../incident/delivery-kinds.js';

/** Slack's incoming-webhook error words (its body), and what fixes each. */
const SLACK: Record<string, (env: string) => string> = {
  channel_is_archived: (env) =>
    `the channel is archived: unarchive it, or set a webhook for another channel in ${env}`,
  channel_not_found: (env) =>
    `the channel this webhook posts to is gone: make a new incoming webhook and set it in ${env}`,
  action_prohibited: () =>
    'a Slack admin restricts posting to that channel: ask them, or use a webhook for another channel',
  posting_to_general_channel_denied: () =>
    'only admins may post to that channel: use a webhook for another channel',
  no_service: (env) =>
    `the webhook in ${env} was removed or revoked: make a new incoming webhook and set it`,
  no_team: (env) =>
    `the webhook in ${env} was removed or revoked: make a new incoming webhook and set it`,
  team_disabled: () => 'that Slack workspace is disabled',
  invalid_token: (env) =>
    `the webhook in ${env} was removed or revoked: make a new incoming webhook and set it`,
};

function slackHint(status: number, body: string, env: string): string | undefined {
  const word = body.trim().split(/\s/)[0] ?? '';
  const hint = SLACK[word];
  if (hint) return hint(env);
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
  if (via === 'slack') hint = slackHint(status, body ?? '', where);
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
