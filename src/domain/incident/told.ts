// The order an incident's events are told in (timeline, postmortem, the
// fold's story): their causal order, backfilled events at the time they happened.
// Pure.
import type { OncallEvent } from './events.js';

/**
 * Events in the order they are told: their causal order (order.ts: what each
 * responder had seen comes first, however their clocks drift), with each
 * backfilled event (`--at`: written down later) moved to when it happened,
 * before the first event told after its `ts`. A log nearly always has none:
 * then it is returned as it is, without a copy.
 */
export function byTime(events: readonly OncallEvent[]): readonly OncallEvent[] {
  // The fold, the timeline and status's lines each ask for the same log's order: sorted once.
  const known = sortedBefore.get(events);
  if (known && known.length === events.length) return known.ordered;
  const ordered = placeBackfilled(events);
  sortedBefore.set(events, { length: events.length, ordered });
  return ordered;
}

/** The order byTime last gave each array of events, and how long the array was then (a walk appends to its own). */
const sortedBefore = new WeakMap<
  readonly OncallEvent[],
  { length: number; ordered: readonly OncallEvent[] }
>();

function placeBackfilled(events: readonly OncallEvent[]): readonly OncallEvent[] {
  const backfilled = events.filter((e) => e.recordedAt !== undefined);
  if (backfilled.length === 0) return events;
  // Stable: two backfilled at one time keep their causal order.
  backfilled.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const ordered: OncallEvent[] = [];
  let next = 0;
  for (const e of events) {
    if (e.recordedAt !== undefined) continue;
    while (next < backfilled.length && (backfilled[next] as OncallEvent).ts < e.ts) {
      ordered.push(backfilled[next++] as OncallEvent);
    }
    ordered.push(e);
  }
  while (next < backfilled.length) ordered.push(backfilled[next++] as OncallEvent);
  return ordered;
}
