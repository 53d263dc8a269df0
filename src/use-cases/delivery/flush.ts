// Sending what waits. Three callers: a command that just queued a message
// (deliverNow: at once, within the few seconds a responder may be held),
// `oncall outbox flush` (everything waiting, now), and the background flush a
// later command starts (only items whose retry is due). Channels are sent to
// side by side; the items of one channel one after the other, at its pace,
// and not at all after it said 429 until its pause is over.

import type { Context } from '../../context.js';
import type { ChannelConfig } from '../../domain/config/schema.js';
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
import { deliveryLimits, pause } from './limits.js';

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

/** Tries just-queued deliveries at once, side by side, all done within the command's budget (limits.ts). */
export async function deliverNow(
  ctx: Context,
  ref: IncidentRef,
  deliveries: readonly string[],
  options: { channels?: Record<string, ChannelConfig> } = {},
): Promise<AttemptResult[]> {
  const deadline = ctx.now().getTime() + deliveryLimits(ctx).budgetMs;
  const items = readOutbox(ref).items.filter((i) => deliveries.includes(i.delivery));
  const results = await Promise.all(
    items.map((item) => attemptDelivery(ctx, ref, item, { deadline, channels: options.channels })),
  );
  syncWaitingMarker(ref, ctx.now());
  return results;
}

/** One channel's items, one at a time at its pace; stops when the channel asks us to slow down. */
async function flushChannel(
  ctx: Context,
  ref: IncidentRef,
  items: OutboxItem[],
  channels: Record<string, ChannelConfig> | undefined,
): Promise<AttemptResult[]> {
  const results: AttemptResult[] = [];
  for (const [index, item] of items.entries()) {
    if (index > 0) await pause(ctx, PACE_MS[item.via]);
    const result = await attemptDelivery(ctx, ref, item, { channels });
    results.push(result);
    if (result.rateLimited) break;
  }
  return results;
}

interface FlushOptions {
  /** Only items whose retry is due (the background flush); otherwise everything waiting. */
  due?: boolean;
  /** Also try again the items that failed for good (after fixing a key or a URL). */
  failed?: boolean;
  channels?: Record<string, ChannelConfig>;
}

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
  const byChannel = new Map<string, OutboxItem[]>();
  for (const item of items)
    byChannel.set(item.channel, [...(byChannel.get(item.channel) ?? []), item]);
  const results = await Promise.all(
    [...byChannel.values()].map((list) => flushChannel(ctx, ref, list, options.channels)),
  );
  syncWaitingMarker(ref, ctx.now());
  return results.flat();
}
