// When to try again. Full-jitter exponential backoff (a random wait between
// zero and base * 2^attempt, capped), so many outboxes retrying after one
// outage do not all knock at the same second; never sooner than the server
// asked (Retry-After), and at a steady pace per channel.
import type { DeliveryVia } from '../incident/delivery-kinds.js';

const BACKOFF = { baseMs: 5_000, capMs: 5 * 60_000 } as const;

/**
 * The longest a server's word holds a message back. Retry-After and
 * ratelimit-reset say seconds to a minute when they are right; a wrong one
 * (a year, or more seconds than a date can hold) must neither hold the
 * night's updates until then nor make a time that is no time at all.
 */
const MAX_HOLD_MS = 60 * 60_000;

/** Between two sends to one channel in a flush: Slack takes about one message a second per webhook. */
export const PACE_MS: Record<DeliveryVia, number> = {
  pagerduty: 0,
  slack: 1_000,
  teams: 1_000,
  webhook: 0,
  command: 0,
  'pagerduty-rest': 0,
};

/** The wait after failed attempt number `attempt` (1 for the first). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** When the next attempt is due, as an ISO time. */
export function nextAttemptAt(
  now: Date,
  attempt: number,
  minDelayMs = 0,
  random: () => number = Math.random,
): string {
  const wait = Math.min(Math.max(minDelayMs, backoffMs(attempt, random)), MAX_HOLD_MS);
  return new Date(now.getTime() + wait).toISOString();
}
