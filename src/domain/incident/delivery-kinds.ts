// The vocabularies of delivery: the kinds of channel a team can configure, what
// is delivered, and how an attempt ended. Zod-free, like note-kinds.ts: the
// config schema and the event schema both read them from here.

/** PagerDuty Events API v2, Slack and Teams webhooks, a generic webhook, a local program. */
export const CHANNEL_TYPES = ['pagerduty', 'slack', 'teams', 'webhook', 'command'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** What a delivery carries: a text for a person or the room, or an alert's next state. */
export const DELIVERY_KINDS = [
  'escalation',
  'handoff',
  'update',
  'acknowledge',
  'resolve',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** delivered: done, never again; retry: waits in the outbox; failed: will not go without a fix. */
export const DELIVERY_OUTCOMES = ['delivered', 'retry', 'failed'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];
