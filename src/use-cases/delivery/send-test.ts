// `oncall doctor --send-test <channel>`: one clearly marked test message
// through a channel, sent directly (no incident, no outbox), so a team learns
// before the rotation that the key or URL works. A PagerDuty test alert is
// resolved at once.
import type { Context } from '../../context.js';
import type { ChannelConfig } from '../../domain/config/schema.js';
import { verdictOf } from '../../domain/delivery/answer.js';
import { alertBody } from '../../domain/delivery/channels/pagerduty.js';
import type { Message } from '../../domain/delivery/message.js';
import { queuedFor } from '../../domain/delivery/plan.js';
import { secretEnvOf } from '../../domain/delivery/refusals.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { uuidv7 } from '../../domain/incident/id.js';
import { concreteRequest, envSecrets } from '../../infra/delivery/request.js';
import { scrub } from '../../infra/delivery/secrets.js';
import { sendRequest } from '../../infra/delivery/transport.js';
import { deliveryLimits } from './limits.js';
import type { Finding } from './readiness.js';

function testMessage(actor: string, now: Date): Message {
  const event = {
    v: 1,
    id: uuidv7(now.getTime()),
    incident: 'oncall-delivery-test',
    ts: now.toISOString(),
    actor,
    type: 'note',
    kind: 'note',
    text: 'delivery test',
  } as OncallEvent;
  const words = `This is a test from \`oncall doctor\` run by ${actor}. Nothing is wrong; no action needed.`;
  return {
    kind: 'update',
    event,
    incident: {
      id: 'oncall-delivery-test',
      title: 'Delivery test',
      severity: 'SEV4',
      status: 'resolved',
      statusText: 'Test',
      commander: actor,
    },
    headline: '[TEST] oncall delivery test: nothing is wrong',
    markdown: `**[TEST] oncall delivery test**\n${words}\n`,
    impact: 'none: this is a test',
    body: words,
    sections: [],
    links: [],
  };
}

/** What a test send reads of the command's context. */
type SendContext = Pick<Context, 'env' | 'cwd' | 'now' | 'delivery'>;

async function sendOnce(
  ctx: SendContext,
  via: ChannelConfig['type'],
  target: Record<string, unknown>,
  request: Record<string, unknown>,
) {
  const concrete = concreteRequest(target, request, envSecrets(ctx.env));
  const timeout =
    typeof target.timeoutSeconds === 'number'
      ? target.timeoutSeconds * 1000
      : deliveryLimits(ctx).attemptMs;
  const answer = await sendRequest(concrete, ctx.env, timeout);
  const verdict = verdictOf(via, answer, ctx.now().getTime(), secretEnvOf(target));
  const secrets = concrete.kind === 'unsendable' ? [] : concrete.secrets;
  return {
    verdict,
    status: answer.status,
    error: verdict.error ? scrub(verdict.error, secrets) : undefined,
  };
}

export async function sendTest(
  name: string,
  channel: ChannelConfig,
  ctx: SendContext,
  actor: string,
): Promise<Finding> {
  const message = testMessage(actor, ctx.now());
  const queued = queuedFor(message, { channel: name, config: channel }, ctx.cwd, (text) => text);
  const first = await sendOnce(ctx, channel.type, queued.target, queued.request);
  const label = `send-test ${name}`;
  if (first.verdict.outcome !== 'delivered') {
    return { verdict: 'fail', what: `${label}: not delivered: ${first.error ?? 'refused'}` };
  }
  const how = first.status ? ` (HTTP ${first.status})` : '';
  if (channel.type !== 'pagerduty' || !queued.dedupKey) {
    return { verdict: 'ok', what: `${label}: test message delivered${how}; look for it` };
  }
  const resolve = { body: alertBody('resolve', queued.dedupKey) };
  const second = await sendOnce(ctx, channel.type, queued.target, resolve);
  return second.verdict.outcome === 'delivered'
    ? { verdict: 'ok', what: `${label}: test alert accepted${how} and resolved at once` }
    : {
        verdict: 'warn',
        what: `${label}: test alert accepted${how}, but resolving it failed: ${second.error}; resolve it by hand`,
      };
}
