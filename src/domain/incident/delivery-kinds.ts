// The vocabularies of delivery: the kinds of channel a team can configure, what
// is delivered, and how an attempt ended. Zod-free, like note-kinds.ts: the
// config schema and the event schema both read them from here.

/** PagerDuty Events API v2, Slack and Teams webhooks, a generic webhook, a local program. */
const CHANNEL_TYPES = ['pagerduty', 'slack', 'teams', 'webhook', 'command'] as const;

/**
 * How a delivery goes: a channel of the config, or PagerDuty's REST API
 * (`pagerduty-rest`: acknowledging, resolving and adding notes to the
 * PagerDuty incident an incident was started from, with the `pagerduty:`
 * section's token; not a channel a team names).
 */
export const DELIVERY_VIAS = [...CHANNEL_TYPES, 'pagerduty-rest'] as const;
export type DeliveryVia = (typeof DELIVERY_VIAS)[number];

/**
 * What a delivery carries: a text for a person or the room, an alert's (or a
 * PagerDuty incident's) next state, or a note on the PagerDuty incident.
 */
export const DELIVERY_KINDS = [
  'escalation',
  'handoff',
  'update',
  'acknowledge',
  'resolve',
  'note',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** delivered: done, never again; retry: waits in the outbox; failed: will not go without a fix. */
export const DELIVERY_OUTCOMES = ['delivered', 'retry', 'failed'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];
