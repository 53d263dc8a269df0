// One attempt at one outbox item, safe against a second sender: the item's
// lock is taken with O_EXCL, the log is read again under the lock (another
// process may have delivered it a moment ago), and the attempt's result is
// recorded before the lock is let go. So once an item is delivered, no flush,
// in this terminal or another, sends it again. A live sender holding the lock
// is waited for (within the deadline); a dead one's lock is taken over at once.
// A channel that said 429 is not sent to before its time, whoever asks. A body
// refused for its size goes again at once, rebuilt at half the bytes, while
// time is left; the next tries keep to that size.

import type { Context } from '../../context.js';
import type { ChannelConfig, PagerDutyConfig } from '../../domain/config/schema.js';
import { type Answer, type Verdict, verdictOf } from '../../domain/delivery/answer.js';
import { nextAttemptAt } from '../../domain/delivery/backoff.js';
import { restTarget } from '../../domain/delivery/channels/pagerduty-rest.js';
import { foldOutbox, heldUntil, type OutboxItem } from '../../domain/delivery/outbox.js';
import { secretEnvOf } from '../../domain/delivery/refusals.js';
import { fitRequest, requestBytes, smallerAfterRefusal } from '../../domain/delivery/sizes.js';
import {
  type LockOwner,
  lockHeld,
  releaseSendLock,
  type SendLock,
  sendLockFile,
  trySendLock,
} from '../../infra/delivery/outbox-files.js';
import { concreteRequest, envSecrets } from '../../infra/delivery/request.js';
import { scrub } from '../../infra/delivery/secrets.js';
import { sendRequest } from '../../infra/delivery/transport.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { record } from '../journal/record.js';
import { deliveryLimits, msLeft } from './limits.js';

export interface AttemptResult {
  item: OutboxItem;
  /**
   * busy: another live process is still sending it; done: it was no longer
   * waiting; late: no time was left; held: its channel asked for a pause (429)
   * that has not passed (until nextAttemptAt).
   */
  outcome: 'delivered' | 'retry' | 'failed' | 'busy' | 'done' | 'late' | 'held';
  error?: string;
  nextAttemptAt?: string;
  /** The channel said 429: send nothing more to it before nextAttemptAt. */
  rateLimited?: boolean;
  /** Who is sending it, when busy. */
  owner?: LockOwner;
}

interface AttemptOptions {
  /** When the attempt must be over, on the monotonic clock (limits.ts deadlineIn). */
  deadline: number;
  /** The channels in config now: a fixed env var name or URL applies to items already queued. */
  channels?: Record<string, ChannelConfig>;
  /** The `pagerduty:` section now: a `from` added after a refusal applies to what waits. */
  pagerduty?: PagerDutyConfig;
  random?: () => number;
}

/** The least time worth starting a send with. */
const LEAST_MS = 250;
/** How often a lock held by a live sender is looked at again. */
const LOCK_POLL_MS = 50;

/** Where the item goes now: the channel as configured today if it still has that type, else as recorded. */
function currentTarget(item: OutboxItem, options: AttemptOptions): Record<string, unknown> {
  if (item.via === 'pagerduty-rest')
    return options.pagerduty ? restTarget(options.pagerduty) : item.target;
  const now = options.channels?.[item.channel];
  if (!now || now.type !== item.via) return item.target;
  return now.type === 'command' ? { ...now, cwd: item.target.cwd } : { ...now };
}

function timeoutOf(ctx: Context, target: Record<string, unknown>, deadline: number): number {
  const own = typeof target.timeoutSeconds === 'number' ? target.timeoutSeconds * 1000 : undefined;
  // Whole milliseconds: AbortSignal.timeout takes nothing else.
  return Math.floor(Math.min(own ?? deliveryLimits(ctx).attemptMs, msLeft(deadline)));
}

/** The lock, once a live sender holding it is done, or who holds it when time runs out. */
async function takeLock(file: string, deadline: number): Promise<SendLock> {
  for (;;) {
    const lock = trySendLock(file);
    if (lock.taken || msLeft(deadline) < LEAST_MS) return lock;
    // Let go of just now: that sender is done. Once more (the log, read under
    // the lock, then says it was sent), or whoever took it meanwhile.
    if (!lockHeld(file)) return trySendLock(file);
    // A real pause: the other sender's network answer is on the real clock.
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

interface Attempted {
  number: number;
  verdict: Verdict;
  answer: Answer;
  bytes: number;
  secrets: string[];
}

function recordAttempt(
  ctx: Context,
  ref: IncidentRef,
  item: OutboxItem,
  a: Attempted,
  random: (() => number) | undefined,
): AttemptResult {
  const { verdict, answer } = a;
  const error = verdict.error ? scrub(verdict.error, a.secrets) : undefined;
  const next =
    verdict.outcome === 'retry'
      ? nextAttemptAt(ctx.now(), a.number, verdict.minDelayMs, random)
      : undefined;
  record(ctx, ref, [
    {
      type: 'delivery.attempted',
      delivery: item.delivery,
      channel: item.channel,
      attempt: a.number,
      outcome: verdict.outcome,
      ...(answer.status !== undefined ? { status: answer.status } : {}),
      ...(answer.exitCode !== undefined ? { exitCode: answer.exitCode } : {}),
      ...(error ? { error } : {}),
      durationMs: answer.durationMs,
      ...(next ? { nextAttemptAt: next } : {}),
      ...(verdict.rateLimited ? { rateLimited: true as const } : {}),
      bytes: a.bytes,
      ...(verdict.tooLarge ? { tooLarge: true as const } : {}),
    },
  ]);
  return {
    item,
    outcome: verdict.outcome,
    ...(error ? { error } : {}),
    ...(next ? { nextAttemptAt: next } : {}),
    ...(verdict.rateLimited ? { rateLimited: true } : {}),
  };
}

/** Sends the item (under its lock), again smaller at once after a refusal for size while time is left. */
async function send(
  ctx: Context,
  ref: IncidentRef,
  item: OutboxItem,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const target = currentTarget(item, options);
  let maxBytes = item.maxBytes;
  let result: AttemptResult = { item, outcome: 'late' };
  for (let number = item.attempts + 1; ; number++) {
    const timeoutMs = timeoutOf(ctx, target, options.deadline);
    if (timeoutMs < LEAST_MS) return result;
    // Never the bytes a service refused for their size: rebuilt within what it may take.
    const request =
      maxBytes === undefined ? item.request : fitRequest(item.via, item.request, maxBytes);
    const bytes = requestBytes(item.via, request);
    const concrete = concreteRequest(target, request, envSecrets(ctx.env));
    const answer = await sendRequest(concrete, ctx.env, timeoutMs);
    let verdict = verdictOf(item.via, answer, ctx.now().getTime(), {
      kind: item.kind,
      ...(typeof target.apiTokenEnv === 'string' ? { tokenEnv: target.apiTokenEnv } : {}),
      ...secretEnvOf(target),
    });
    const smaller = verdict.tooLarge ? smallerAfterRefusal(bytes) : undefined;
    // So small a body refused: its size is not the reason, and a smaller one would not help.
    if (verdict.tooLarge && smaller === undefined) verdict = { ...verdict, outcome: 'failed' };
    const secrets = concrete.kind === 'unsendable' ? [] : concrete.secrets;
    result = recordAttempt(
      ctx,
      ref,
      item,
      { number, verdict, answer, bytes, secrets },
      options.random,
    );
    if (smaller === undefined) return result;
    maxBytes = smaller;
  }
}

export async function attemptDelivery(
  ctx: Context,
  ref: IncidentRef,
  item: OutboxItem,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const lock = sendLockFile(ref.dir, item.delivery);
  const taken = await takeLock(lock, options.deadline);
  if (!taken.taken)
    return { item, outcome: 'busy', ...(taken.owner ? { owner: taken.owner } : {}) };
  try {
    // The current state of the item in the log, read under its lock.
    const outbox = foldOutbox(readLog(ref.file).events);
    const current = outbox.items.find((i) => i.delivery === item.delivery);
    if (current?.state !== 'waiting') return { item, outcome: 'done' };
    const held = heldUntil(outbox, current.channel, ctx.now());
    if (held) return { item: current, outcome: 'held', nextAttemptAt: held };
    return await send(ctx, ref, current, options);
  } finally {
    releaseSendLock(lock);
  }
}
