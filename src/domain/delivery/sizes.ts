// Each channel's request within its size (limits.ts), cut where the channel
// says its texts may be cut (fit.ts): when it is built, and again, smaller,
// when a service refused it for its size. The request as sent is what is
// measured: the JSON body of a POST, a program's stdin and variables.
import type { DeliveryVia } from '../incident/delivery-kinds.js';
import { jsonSize } from './bytes.js';
import { commandCuttable } from './channels/command.js';
import { pagerdutyCuttable } from './channels/pagerduty.js';
import { pagerdutyRestCuttable } from './channels/pagerduty-rest.js';
import { slackCuttable } from './channels/slack.js';
import { teamsCuttable } from './channels/teams.js';
import { webhookCuttable } from './channels/webhook.js';
import { type Cuttable, fitJson } from './fit.js';
import { CHANNEL_BYTES, SMALLEST_BODY } from './limits.js';

const CUTTABLE: Record<DeliveryVia, Cuttable> = {
  pagerduty: pagerdutyCuttable,
  slack: slackCuttable,
  teams: teamsCuttable,
  webhook: webhookCuttable,
  command: commandCuttable,
  'pagerduty-rest': pagerdutyRestCuttable,
};

/** Bytes of the request as it goes: a POST's JSON body, or a program's stdin and variables. */
export function requestBytes(via: DeliveryVia, request: Record<string, unknown>): number {
  return jsonSize(via === 'command' ? request : (request.body ?? {}));
}

/** The request within `maxBytes` (the channel's size when not given). */
export function fitRequest(
  via: DeliveryVia,
  request: Record<string, unknown>,
  maxBytes: number = CHANNEL_BYTES[via],
): Record<string, unknown> {
  const limit = Math.min(maxBytes, CHANNEL_BYTES[via]);
  if (requestBytes(via, request) <= limit) return request;
  // The body's bytes are measured inside the request: `{"body":…}` costs nine more.
  const overhead = via === 'command' ? 0 : 9;
  return fitJson(request, limit + overhead, CUTTABLE[via]);
}

/** The size to try after a refusal for size of `sentBytes`: half, or none when that is too small to be the reason. */
export function smallerAfterRefusal(sentBytes: number): number | undefined {
  const half = Math.floor(sentBytes / 2);
  return half >= SMALLEST_BODY ? half : undefined;
}
