// Delivery: what was queued for a page, a post or a webhook, each attempt and its answer.
// One builder per event type, as in events.ts (which joins the families).
import * as z from 'zod/mini';
import { DELIVERY_KINDS, DELIVERY_OUTCOMES, DELIVERY_VIAS } from './delivery-kinds.js';
import { base, isoTs } from './event-parts.js';
export const deliveryEventBuilders = {
  // ── delivery (pages, posts, webhooks; src/deliver/) ───────────────────
  'delivery.queued': () =>
    z.object({
      ...base(),
      type: z.literal('delivery.queued'),
      /** The delivery's id: the source event's id and the channel (and whose alert, for a resolve). */
      delivery: z.string().check(z.minLength(1)),
      /** The event delivered: an escalation, an update, a handoff, a milestone. */
      source: z.string().check(z.minLength(1)),
      channel: z.string().check(z.minLength(1)),
      via: z.enum(DELIVERY_VIAS),
      kind: z.enum(DELIVERY_KINDS),
      /** The contact it is for; absent for a status update. */
      to: z.optional(z.string()),
      toName: z.optional(z.string()),
      /** PagerDuty's alert key: one alert per incident and contact. */
      dedupKey: z.optional(z.string()),
      /** Items with the same key collapse: only the newest waits (status updates, one alert). */
      collapse: z.optional(z.string()),
      /** Where it goes, minus secrets: env var names, base URL, argv. */
      target: z.record(z.string(), z.unknown()),
      /** What is sent: a JSON body, or a command's stdin and env. Never a secret. */
      request: z.record(z.string(), z.unknown()),
    }),
  'delivery.attempted': () =>
    z.object({
      ...base(),
      type: z.literal('delivery.attempted'),
      delivery: z.string().check(z.minLength(1)),
      channel: z.string().check(z.minLength(1)),
      attempt: z.int().check(z.gte(1)),
      outcome: z.enum(DELIVERY_OUTCOMES),
      /** The HTTP status, when there was an answer. */
      status: z.optional(z.int()),
      /** A command channel's exit code. */
      exitCode: z.optional(z.nullable(z.int())),
      /** Why it did not go, in one line, secrets scrubbed. */
      error: z.optional(z.string()),
      durationMs: z.number().check(z.gte(0)),
      /** When a retry is due (outcome retry): backoff with jitter, or the server's Retry-After. */
      nextAttemptAt: z.optional(isoTs()),
      /** The server asked us to slow down (429): nothing goes to this channel before nextAttemptAt. */
      rateLimited: z.optional(z.literal(true)),
      /** Bytes of the request sent (its JSON body; a program's stdin and variables). */
      bytes: z.optional(z.int().check(z.gte(0))),
      /** Refused for its size (413, Slack's msg_too_long...): the next try is rebuilt at half `bytes`. */
      tooLarge: z.optional(z.literal(true)),
    }),
  'delivery.requeued': () =>
    z.object({
      ...base(),
      type: z.literal('delivery.requeued'),
      delivery: z.string().check(z.minLength(1)),
    }),
};
