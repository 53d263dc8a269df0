// One order for several responders' logs, the same on every laptop.
//
// Wall clocks drift between laptops, so the order in which things were decided
// comes from each event's Lamport counter (`lamport`: one more than the highest
// counter its responder had seen), ties broken by actor then id. The counter is
// the event's own, never its place in a file: one responder on two laptops
// writes one remote file in which both laptops' events interleave, while each
// laptop also holds its own log, and an event must sort the same from either
// copy. A line written before the counter existed (no `lamport`) takes one
// more than the line before it, so such logs keep their file order. Every
// laptop so computes the same order from the same events.
// Pure: no files, no clock.
import type { OncallEvent } from './events.js';

/** Each event's effective counter, in file order: its own, or (written before counters) one more than the line before. */
function effectiveCounters(file: readonly OncallEvent[]): number[] {
  const counters: number[] = [];
  let previous = 0;
  for (const event of file) {
    previous = event.lamport ?? previous + 1;
    counters.push(previous);
  }
  return counters;
}

/** The highest effective counter in these files (0 when empty): what a responder has seen. */
export function highestCounter(files: readonly (readonly OncallEvent[])[]): number {
  let highest = 0;
  for (const file of files)
    for (const counter of effectiveCounters(file)) if (counter > highest) highest = counter;
  return highest;
}

interface Placed {
  event: OncallEvent;
  counter: number;
}

function compare(a: Placed, b: Placed): number {
  if (a.counter !== b.counter) return a.counter - b.counter;
  // Plain code-unit comparison: locale-aware collation could differ between laptops.
  if (a.event.actor !== b.event.actor) return a.event.actor < b.event.actor ? -1 : 1;
  if (a.event.id !== b.event.id) return a.event.id < b.event.id ? -1 : 1;
  return 0;
}

/**
 * The events of several files in causal order, each id once (the first file
 * that holds it wins: pass the responder's own log first). One file is already
 * in that order and comes back as it is.
 */
export function causalOrder(files: readonly (readonly OncallEvent[])[]): OncallEvent[] {
  const nonEmpty = files.filter((file) => file.length > 0);
  if (nonEmpty.length <= 1) return [...(nonEmpty[0] ?? [])];
  const seen = new Set<string>();
  const placed: Placed[] = [];
  for (const file of nonEmpty) {
    const counters = effectiveCounters(file);
    file.forEach((event, i) => {
      if (seen.has(event.id)) return;
      seen.add(event.id);
      placed.push({ event, counter: counters[i] as number });
    });
  }
  return placed.sort(compare).map(({ event }) => event);
}
