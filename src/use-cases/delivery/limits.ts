// How long delivering may hold the responder, and the pause between two sends
// to one channel. The product promises that a command returns within a few
// seconds whatever the services do; a test in process sets shorter limits and
// its own sleep through the context (context.ts) rather than waiting these out.
import type { Context } from '../../context.js';

/** How long a command may hold the responder for deliveries it just queued. */
const COMMAND_BUDGET_MS = 4_500;
/** How long one attempt may take unless its channel says otherwise. */
const DEFAULT_TIMEOUT_MS = 4_000;

/** The context's limits, or the product's. */
export function deliveryLimits(ctx: Pick<Context, 'delivery'>): {
  budgetMs: number;
  attemptMs: number;
} {
  return ctx.delivery ?? { budgetMs: COMMAND_BUDGET_MS, attemptMs: DEFAULT_TIMEOUT_MS };
}

/**
 * When a command that queues deliveries now is done with them at the latest:
 * the outbox marker says "due then", so a command stopped half-way leaves them
 * to a later one.
 */
export function budgetEnd(ctx: Pick<Context, 'delivery' | 'now'>): string {
  return new Date(ctx.now().getTime() + deliveryLimits(ctx).budgetMs).toISOString();
}

/**
 * A deadline `ms` from now on the monotonic clock: a budget is how long the
 * responder waits, which a clock set back or forward must not change.
 */
export const deadlineIn = (ms: number): number => performance.now() + ms;

/** Milliseconds left until `deadline` (deadlineIn). */
export const msLeft = (deadline: number): number => deadline - performance.now();

/**
 * Waits `ms` through the context's sleep, else a real timer that ends at
 * `deadline` (deadlineIn) at the latest: a pause never holds the responder
 * past the budget.
 */
export function pause(ctx: Pick<Context, 'sleep'>, ms: number, deadline?: number): Promise<void> {
  if (ctx.sleep) return ctx.sleep(ms);
  const wait = deadline === undefined ? ms : Math.min(ms, Math.max(0, msLeft(deadline)));
  return new Promise((resolve) => setTimeout(resolve, wait));
}
