// What the services accept, from their own documentation (the notes in
// README's "Reaching people" cite them), counted in bytes of JSON (bytes.ts):
// never less than the characters a service counts, so a limit met here is met
// however the service counts. Too long is cut, least important first (fit.ts),
// with a visible marker, never refused: at 2am a page that goes out a little
// shorter beats one that bounces with 400 invalid_blocks.
import type { DeliveryVia } from '../incident/delivery-kinds.js';

export const LIMITS = {
  /** PagerDuty Events API v2: payload.summary, 1024 characters. */
  pagerdutySummary: 1024,
  /** PagerDuty Events API v2: dedup_key, 255 characters. */
  pagerdutyDedupKey: 255,
  /** Slack Block Kit: blocks in one message. */
  slackBlocks: 50,
  /** Slack Block Kit: a header block's plain_text, 150 characters. */
  slackHeader: 150,
  /** Slack Block Kit: a section block's text, 3000 characters. */
  slackSection: 3000,
  /** Slack Block Kit: a context block's text element, 2000 characters. */
  slackContext: 2000,
  /** Slack: `text` beyond 4000 characters is advised against (truncated at 40,000). */
  slackText: 4000,
  /** Slack: all blocks together; messages were refused (msg_blocks_too_long) from about 13,200 characters. */
  slackAllBlocks: 12_000,
  /** A command channel: each ONCALL_* variable (Linux refuses one over 128 KB; a script needs far less). */
  commandVariable: 4096,
} as const;

/**
 * The whole request body of each channel, at most: PagerDuty takes 512 KB
 * (room left for the routing key added when sending); Teams refuses over 28 KB
 * and was seen failing from 21 KB; Slack's own limits (above) keep it near
 * 16 KB; a webhook and a program get 100 KB, under the common body limits of
 * web frameworks (Express: 100 kB).
 */
export const CHANNEL_BYTES: Record<DeliveryVia, number> = {
  pagerduty: 500_000,
  slack: 20_000,
  teams: 20_000,
  webhook: 100_000,
  command: 100_000,
  // PagerDuty documents no size for a note or a resolution: an update's words are
  // a sentence or two; a paste is cut here rather than refused there.
  'pagerduty-rest': 20_000,
};

/** After a refusal for size, each try is half the last; below this, it is not the size. */
export const SMALLEST_BODY = 2_000;
