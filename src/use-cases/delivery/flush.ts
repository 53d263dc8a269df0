// Sending what waits. Three callers: a command that just queued a message
// (deliverNow: at once), `oncall outbox flush` (everything waiting, now), and
// the background flush a later command starts (only items whose retry is due).
// Each is bound by one budget, the few seconds a responder may be held,
// whatever the services do: channels are sent to side by side (a few sends at
// once), the items of one channel started at its pace without waiting for the
// one before, and none sent to a channel whose 429 pause has not passed.

import type { Context } from '../../context.js';
import type { ChannelConfig, PagerDutyConfig } from '../../domain/config/schema.js';
import { PACE_MS } from '../../domain/delivery/backoff.js';
import {
  dueItems,
  failed,
  foldOutbox,
  nextDue,
  type Outbox,
  type OutboxItem,
  waiting,
} from '../../domain/delivery/outbox.js';
import { clearWaiting, markWaiting } from '../../infra/delivery/outbox-files.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { record } from '../journal/record.js';
import { type AttemptResult, attemptDelivery } from './attempt.js';
import { deadlineIn, deliveryLimits, msLeft, pause } from './limits.js';

function readOutbox(ref: IncidentRef): Outbox {
  return foldOutbox(readLog(ref.file).events);
}

/**
 * Keeps `outbox.waiting` true to the log. Removing it races with a command
 * that queues (it appends, then marks): so remove first, read the log again,
 * and mark again if anything waits. Whatever the interleaving, an item that
 * waits leaves the marker in place.
 */
function syncWaitingMarker(ref: IncidentRef, now: Date): Outbox {
  let outbox = readOutbox(ref);
  if (waiting(outbox).length === 0) {
    clearWaiting(ref.dir);
    outbox = readOutbox(ref);
  }
  const due = nextDue(outbox, now);
  if (due) markWaiting(ref.dir, due);
  return outbox;
}

/** The least time worth starting a send with. */
const LEAST_MS = 250;
/** At most this many sends at once, all channels together. */
const CONCURRENCY = 6;

/** Runs work with at most `max` at once. */
function limiter(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** Where items go now (today's config), when it can be read: else as recorded. */
export interface Targets {
  channels?: Record<string, ChannelConfig>;
  pagerduty?: PagerDutyConfig;
}

interface SendAll extends Targets {
  deadline: number;
  slot: ReturnType<typeof limiter>;
}

/**
 * One channel's items, each started at the channel's pace (Slack: one a
 * second) without waiting for the one before to answer, all bound by the one
 * deadline; none started once the channel said 429, nor without time left.
 */
async function sendChannel(
  ctx: Context,
  ref: IncidentRef,
  items: OutboxItem[],
  all: SendAll,
): Promise<AttemptResult[]> {
  const started: Promise<AttemptResult>[] = [];
  let pausedUntil: string | undefined;
  for (const [index, item] of items.entries()) {
    // The pause ends at the deadline at the latest: then the item waits for a later flush.
    if (index > 0) await pause(ctx, PACE_MS[item.via], all.deadline);
    if (pausedUntil) {
      started.push(Promise.resolve({ item, outcome: 'held', nextAttemptAt: pausedUntil }));
      continue;
    }
    if (msLeft(all.deadline) < LEAST_MS) {
      started.push(Promise.resolve({ item, outcome: 'late' }));
      continue;
    }
    const attempt = all.slot(() =>
      attemptDelivery(ctx, ref, item, {
        deadline: all.deadline,
        ...(all.channels ? { channels: all.channels } : {}),
        ...(all.pagerduty ? { pagerduty: all.pagerduty } : {}),
      }),
    );
    started.push(
      attempt.then((result) => {
        if (result.rateLimited || result.outcome === 'held') pausedUntil ??= result.nextAttemptAt;
        return result;
      }),
    );
  }
  return Promise.all(started);
}

/** Every item, channels side by side, within one budget: the results in the items' order. */
async function sendAll(
  ctx: Context,
  ref: IncidentRef,
  items: OutboxItem[],
  targets: Targets,
): Promise<AttemptResult[]> {
  const all: SendAll = {
    deadline: deadlineIn(deliveryLimits(ctx).budgetMs),
    ...targets,
    slot: limiter(CONCURRENCY),
  };
  const byChannel = new Map<string, OutboxItem[]>();
  for (const item of items)
    byChannel.set(item.channel, [...(byChannel.get(item.channel) ?? []), item]);
  const results = (
    await Promise.all([...byChannel.values()].map((list) => sendChannel(ctx, ref, list, all)))
  ).flat();
  return items.map(
    (item) => results.find((r) => r.item.delivery === item.delivery) as AttemptResult,
  );
}

/** Tries just-queued deliveries at once, side by side, all done within the command's budget (limits.ts). */
export async function deliverNow(
  ctx: Context,
  ref: IncidentRef,
  deliveries: readonly string[],
  targets: Targets = {},
): Promise<AttemptResult[]> {
  const items = readOutbox(ref).items.filter((i) => deliveries.includes(i.delivery));
  const results = await sendAll(ctx, ref, items, targets);
  syncWaitingMarker(ref, ctx.now());
  return results;
}

interface FlushOptions extends Targets {
  /** Only items whose retry is due (the background flush); otherwise everything waiting. */
  due?: boolean;
  /** Also try again the items that failed for good (after fixing a key or a URL). */
  failed?: boolean;
}

/** Sends what waits (or only what is due), within one budget, channels side by side. */
export async function flushOutbox(
  ctx: Context,
  ref: IncidentRef,
  options: FlushOptions = {},
): Promise<AttemptResult[]> {
  if (options.failed) {
    const retry = failed(readOutbox(ref)).map((item) => ({
      type: 'delivery.requeued' as const,
      delivery: item.delivery,
    }));
    if (retry.length) record(ctx, ref, retry);
  }
  const outbox = readOutbox(ref);
  const items = options.due ? dueItems(outbox, ctx.now()) : waiting(outbox);
  const results = await sendAll(ctx, ref, items, {
    ...(options.channels ? { channels: options.channels } : {}),
    ...(options.pagerduty ? { pagerduty: options.pagerduty } : {}),
  });
  syncWaitingMarker(ref, ctx.now());
  return results;
}
