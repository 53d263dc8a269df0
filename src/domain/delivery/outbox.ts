// The outbox is not a file of its own: it is a fold over the delivery events
// of the log (delivery.queued, .attempted, .requeued), like everything else
// about an incident. Pure: events in, items out. What waits, what went, what
// failed for good, and when each retry is due, are all decided here.

import type { DeliveryKind, DeliveryVia } from '../incident/delivery-kinds.js';
import type { EventOf, OncallEvent } from '../incident/events.js';
import { ofTypes } from '../incident/of-types.js';

type ItemState = 'waiting' | 'delivered' | 'failed' | 'superseded';

interface LastAttempt {
  at: string;
  outcome: EventOf<'delivery.attempted'>['outcome'];
  status?: number;
  exitCode?: number | null;
  error?: string;
}

export interface OutboxItem {
  delivery: string;
  source: string;
  channel: string;
  via: DeliveryVia;
  kind: DeliveryKind;
  to?: string;
  toName?: string;
  dedupKey?: string;
  collapse?: string;
  target: Record<string, unknown>;
  request: Record<string, unknown>;
  queuedAt: string;
  state: ItemState;
  attempts: number;
  last?: LastAttempt;
  /** When the next retry is due (unset: at once). */
  nextAttemptAt?: string;
  deliveredAt?: string;
  /** A service refused it for its size: it goes again within half the bytes it was refused at. */
  maxBytes?: number;
}

export interface Outbox {
  /** In the order they were queued. */
  items: OutboxItem[];
  /** Channels that answered 429: nothing goes to them before this time. */
  pausedUntil: Record<string, string>;
}

function queued(e: EventOf<'delivery.queued'>): OutboxItem {
  return {
    delivery: e.delivery,
    source: e.source,
    channel: e.channel,
    via: e.via,
    kind: e.kind,
    ...(e.to ? { to: e.to } : {}),
    ...(e.toName ? { toName: e.toName } : {}),
    ...(e.dedupKey ? { dedupKey: e.dedupKey } : {}),
    ...(e.collapse ? { collapse: e.collapse } : {}),
    target: e.target,
    request: e.request,
    queuedAt: e.ts,
    state: 'waiting',
    attempts: 0,
  };
}

function attempted(outbox: Outbox, item: OutboxItem, e: EventOf<'delivery.attempted'>): void {
  // Delivered is final: a late record of an earlier attempt changes nothing.
  if (item.state === 'delivered') return;
  item.attempts = Math.max(item.attempts, e.attempt);
  item.last = {
    at: e.ts,
    outcome: e.outcome,
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.exitCode !== undefined ? { exitCode: e.exitCode } : {}),
    ...(e.error ? { error: e.error } : {}),
  };
  if (e.outcome === 'delivered') {
    item.state = 'delivered';
    item.deliveredAt = e.ts;
    delete item.nextAttemptAt;
  } else if (e.outcome === 'failed') {
    item.state = 'failed';
    delete item.nextAttemptAt;
  } else {
    item.nextAttemptAt = e.nextAttemptAt;
  }
  if (e.tooLarge && e.bytes !== undefined) {
    const half = Math.floor(e.bytes / 2);
    item.maxBytes = item.maxBytes === undefined ? half : Math.min(item.maxBytes, half);
  }
  if (e.rateLimited && e.nextAttemptAt) {
    const paused = outbox.pausedUntil[e.channel];
    if (!paused || paused < e.nextAttemptAt) outbox.pausedUntil[e.channel] = e.nextAttemptAt;
  }
}

/**
 * Of items sharing a collapse key (the status updates to one channel; one
 * PagerDuty alert), only the newest still goes: older ones not yet delivered
 * are superseded. A delivered one stays delivered.
 */
function collapse(items: OutboxItem[]): void {
  const newest = new Map<string, OutboxItem>();
  for (const item of items) if (item.collapse) newest.set(item.collapse, item);
  for (const item of items) {
    if (!item.collapse || newest.get(item.collapse) === item) continue;
    if (item.state === 'waiting' || item.state === 'failed') item.state = 'superseded';
  }
}

/**
 * The outbox of one incident, from its events in the order they were written.
 * On a shared incident the events include the peers': only the responder who
 * recorded a delivery sends it (so a sync never sends a message twice), and
 * `sender` keeps this responder's own (a peer's waiting update must not
 * supersede ours, nor be shown as ours). Unset: every delivery, as the pages
 * still open on the incident, whoever sent them, are.
 */
export function foldOutbox(events: readonly OncallEvent[], sender?: string): Outbox {
  const outbox: Outbox = { items: [], pausedUntil: {} };
  const byId = new Map<string, OutboxItem>();
  for (const e of ofTypes(events, 'delivery.queued', 'delivery.attempted', 'delivery.requeued')) {
    if (sender !== undefined && e.actor !== sender) continue;
    if (e.type === 'delivery.queued') {
      if (byId.has(e.delivery)) continue; // queued once; a repeat line changes nothing
      const item = queued(e);
      byId.set(e.delivery, item);
      outbox.items.push(item);
    } else if (e.type === 'delivery.attempted') {
      const item = byId.get(e.delivery);
      if (item) attempted(outbox, item, e);
    } else if (e.type === 'delivery.requeued') {
      const item = byId.get(e.delivery);
      if (item?.state === 'failed') {
        item.state = 'waiting';
        delete item.nextAttemptAt;
      }
    }
  }
  collapse(outbox.items);
  return outbox;
}

export const waiting = (outbox: Outbox) => outbox.items.filter((i) => i.state === 'waiting');
export const failed = (outbox: Outbox) => outbox.items.filter((i) => i.state === 'failed');

/** When this item may next be tried: its own backoff, and its channel's pause after a 429. */
function dueAt(outbox: Outbox, item: OutboxItem): string | undefined {
  const own = item.nextAttemptAt;
  const paused = outbox.pausedUntil[item.channel];
  if (!own) return paused;
  if (!paused) return own;
  return own > paused ? own : paused;
}

/** When the channel's pause after a 429 ends, if it has not yet. */
export function heldUntil(outbox: Outbox, channel: string, now: Date): string | undefined {
  const paused = outbox.pausedUntil[channel];
  return paused && paused > now.toISOString() ? paused : undefined;
}

/** Waiting items whose time has come. */
export function dueItems(outbox: Outbox, now: Date): OutboxItem[] {
  const iso = now.toISOString();
  return waiting(outbox).filter((item) => {
    const at = dueAt(outbox, item);
    return !at || at <= iso;
  });
}

/** The earliest time anything waiting is due (undefined: nothing waits). */
export function nextDue(outbox: Outbox, now: Date): string | undefined {
  let earliest: string | undefined;
  for (const item of waiting(outbox)) {
    const at = dueAt(outbox, item) ?? now.toISOString();
    if (!earliest || at < earliest) earliest = at;
  }
  return earliest;
}

/** "1 message waiting to send", "3 messages waiting to send". */
export function waitingLine(count: number): string {
  return `${count} message${count === 1 ? '' : 's'} waiting to send`;
}

export interface OpenAlert {
  channel: string;
  dedupKey: string;
  to?: string;
  toName?: string;
  /** Where its trigger went (the channel's recorded config). */
  target: Record<string, unknown>;
}

/** PagerDuty alerts this incident triggered and has not resolved yet: what a resolve closes. */
export function openAlerts(outbox: Outbox): OpenAlert[] {
  const alerts = new Map<string, OpenAlert>();
  for (const item of outbox.items) {
    if (item.via !== 'pagerduty' || !item.dedupKey) continue;
    const key = `${item.channel}\u0000${item.dedupKey}`;
    if (item.kind === 'resolve') alerts.delete(key);
    else if (item.kind !== 'acknowledge') {
      const { channel, dedupKey, to, toName, target } = item;
      alerts.set(key, {
        channel,
        dedupKey,
        ...(to ? { to } : {}),
        ...(toName ? { toName } : {}),
        target,
      });
    }
  }
  return [...alerts.values()];
}
