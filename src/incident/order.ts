// One order for several responders' logs, the same on every laptop.
//
// Wall clocks drift between laptops, so the order in which things were decided
// comes from each event's Lamport counter (`lamport`: one more than the highest
// counter its responder had seen), ties broken by actor then id. Within one
// file the order is the file's own: an event's effective counter is at least
// one more than the previous line's, which also gives logs written before the
// counter existed (no `lamport`) their file order. Every laptop holds the same
// files (the remote's copies), so every laptop computes the same order.
// Pure: no files, no clock.
import type { OncallEvent } from './events.js';

/** Each event's effective counter, in file order: never below the line before it plus one. */
function effectiveCounters(file: readonly OncallEvent[]): number[] {
  const counters: number[] = [];
  let previous = 0;
  for (const event of file) {
    previous = Math.max(event.lamport ?? 0, previous + 1);
    counters.push(previous);
  }
  return counters;
}

/** The highest effective counter in these files (0 when empty): what a responder has seen. */
export function highestCounter(files: readonly (readonly OncallEvent[])[]): number {
  let highest = 0;
  for (const file of files) highest = Math.max(highest, effectiveCounters(file).at(-1) ?? 0);
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
