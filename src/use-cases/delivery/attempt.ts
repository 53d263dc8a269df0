// One attempt at one outbox item, safe against a second sender: the item's
// lock is taken with O_EXCL, the log is read again under the lock (another
// process may have delivered it a moment ago), and the attempt's result is
// recorded before the lock is let go. So once an item is delivered, no flush,
// in this terminal or another, sends it again.

import type { Context } from '../../context.js';
import type { ChannelConfig } from '../../domain/config/schema.js';
import { type Answer, type Verdict, verdictOf } from '../../domain/delivery/answer.js';
import { nextAttemptAt } from '../../domain/delivery/backoff.js';
import { foldOutbox, type OutboxItem } from '../../domain/delivery/outbox.js';
import { releaseSendLock, sendLockFile, trySendLock } from '../../infra/delivery/outbox-files.js';
import { concreteRequest, envSecrets } from '../../infra/delivery/request.js';
import { scrub } from '../../infra/delivery/secrets.js';
import { sendRequest } from '../../infra/delivery/transport.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { record } from '../journal/record.js';
import { deliveryLimits } from './limits.js';

export interface AttemptResult {
  item: OutboxItem;
  /** busy: another process is sending it; done: it was no longer waiting; late: no time was left. */
  outcome: 'delivered' | 'retry' | 'failed' | 'busy' | 'done' | 'late';
  error?: string;
  nextAttemptAt?: string;
  /** The channel said 429: send nothing more to it before nextAttemptAt. */
  rateLimited?: boolean;
}

interface AttemptOptions {
  /** Epoch ms by which the attempt must be over (the command's bound). */
  deadline?: number;
  /** The channels in config now: a fixed env var name or URL applies to items already queued. */
  channels?: Record<string, ChannelConfig>;
  random?: () => number;
}

/** Where the item goes now: the channel as configured today if it still has that type, else as recorded. */
function currentTarget(item: OutboxItem, channels: AttemptOptions['channels']) {
  const now = channels?.[item.channel];
  if (!now || now.type !== item.via) return item.target;
  return now.type === 'command' ? { ...now, cwd: item.target.cwd } : { ...now };
}

function timeoutOf(
  ctx: Context,
  target: Record<string, unknown>,
  deadline: number | undefined,
): number {
  const own = typeof target.timeoutSeconds === 'number' ? target.timeoutSeconds * 1000 : undefined;
  const allowed = own ?? deliveryLimits(ctx).attemptMs;
  return deadline === undefined ? allowed : Math.min(allowed, deadline - ctx.now().getTime());
}

/** The current state of the item in the log, read under its lock. */
function reread(ref: IncidentRef, delivery: string): OutboxItem | undefined {
  return foldOutbox(readLog(ref.file).events).items.find((i) => i.delivery === delivery);
}

function recordAttempt(
  ctx: Context,
  ref: IncidentRef,
  item: OutboxItem,
  verdict: Verdict,
  answer: Answer,
  secrets: string[],
  random: (() => number) | undefined,
): AttemptResult {
  const attempt = item.attempts + 1;
  const error = verdict.error ? scrub(verdict.error, secrets) : undefined;
  const next =
    verdict.outcome === 'retry'
      ? nextAttemptAt(ctx.now(), attempt, verdict.minDelayMs, random)
      : undefined;
  record(ctx, ref, [
    {
      type: 'delivery.attempted',
      delivery: item.delivery,
      channel: item.channel,
      attempt,
      outcome: verdict.outcome,
      ...(answer.status !== undefined ? { status: answer.status } : {}),
      ...(answer.exitCode !== undefined ? { exitCode: answer.exitCode } : {}),
      ...(error ? { error } : {}),
      durationMs: answer.durationMs,
      ...(next ? { nextAttemptAt: next } : {}),
      ...(verdict.rateLimited ? { rateLimited: true as const } : {}),
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

export async function attemptDelivery(
  ctx: Context,
  ref: IncidentRef,
  item: OutboxItem,
  options: AttemptOptions = {},
): Promise<AttemptResult> {
  const lock = sendLockFile(ref.dir, item.delivery);
  // The lock's age is read against its file's mtime: the file system's clock, not the context's.
  if (!trySendLock(lock)) return { item, outcome: 'busy' };
  try {
    const current = reread(ref, item.delivery);
    if (current?.state !== 'waiting') return { item, outcome: 'done' };
    const target = currentTarget(current, options.channels);
    const timeoutMs = timeoutOf(ctx, target, options.deadline);
    if (timeoutMs < 250) return { item: current, outcome: 'late' };
    const concrete = concreteRequest(target, current.request, envSecrets(ctx.env));
    const answer = await sendRequest(concrete, ctx.env, timeoutMs);
    const verdict = verdictOf(current.via, answer, ctx.now().getTime());
    const secrets = concrete.kind === 'unsendable' ? [] : concrete.secrets;
    return recordAttempt(ctx, ref, current, verdict, answer, secrets, options.random);
  } finally {
    releaseSendLock(lock);
  }
}
