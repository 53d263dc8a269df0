// One order for several responders' logs, the same on every laptop, causes first.
//
// Each event carries a hybrid logical clock (`hlc`: the latest of its laptop's
// clock and every `hlc` its responder had seen) and a Lamport counter
// (`lamport`: one more than the highest counter seen). Ordering by (hlc,
// lamport, actor, id) puts every event after what its responder had seen when
// recording it, however wrong a laptop's clock is, and keeps concurrent events
// in real-time order when clocks are right (Kulkarni et al.'s HLC, with the
// Lamport counter as its tie-breaking counter). The keys are the event's own,
// never its place in a file: one responder on two laptops writes one remote
// file in which both laptops' events interleave, while each laptop also holds
// its own log, and an event must sort the same from either copy.
//
// Logs written before these fields: a line without `lamport` takes one more
// than the line before it (file order); a line without `hlc` takes its `ts`,
// raised to the highest clock of every event with a lower counter, so a cause
// recorded on a laptop whose clock ran ahead still comes first.
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

/** An event with its ordering keys. */
export interface Placed {
  event: OncallEvent;
  counter: number;
  /** Its own `hlc`; for an older event, filled in by fillClocks. */
  hlc: string | undefined;
}

/** The events of one file with their keys (an older line's clock is filled in by fillClocks). */
export function placedIn(file: readonly OncallEvent[]): Placed[] {
  const counters = effectiveCounters(file);
  return file.map((event, i) => ({ event, counter: counters[i] as number, hlc: event.hlc }));
}

/**
 * Gives each event written before `hlc` one: its `ts`, raised to the highest
 * clock among events with a lower counter (what it may have seen).
 */
function fillClocks(placed: Placed[]): void {
  if (placed.every((p) => p.hlc !== undefined)) return;
  const byCounter = [...placed].sort((a, b) => a.counter - b.counter);
  let below = '';
  for (let i = 0; i < byCounter.length; ) {
    let j = i;
    let highest = below;
    for (; j < byCounter.length && byCounter[j]?.counter === byCounter[i]?.counter; j++) {
      const p = byCounter[j] as Placed;
      if (p.hlc === undefined) p.hlc = p.event.ts > below ? p.event.ts : below;
      if (p.hlc > highest) highest = p.hlc;
    }
    below = highest;
    i = j;
  }
}

function compare(a: Placed, b: Placed): number {
  const ah = a.hlc as string;
  const bh = b.hlc as string;
  // Plain code-unit comparison: locale-aware collation could differ between laptops.
  if (ah !== bh) return ah < bh ? -1 : 1;
  if (a.counter !== b.counter) return a.counter - b.counter;
  if (a.event.actor !== b.event.actor) return a.event.actor < b.event.actor ? -1 : 1;
  if (a.event.id !== b.event.id) return a.event.id < b.event.id ? -1 : 1;
  return 0;
}

/** Events with their keys in causal order (older lines' clocks filled in first). */
export function sortPlaced(placed: Placed[]): Placed[] {
  fillClocks(placed);
  return placed.sort(compare);
}

/** The highest hybrid clock among these files' events (older lines' filled in), if any. */
export function highestClock(files: readonly (readonly OncallEvent[])[]): string | undefined {
  const placed = files.flatMap(placedIn);
  fillClocks(placed);
  let highest: string | undefined;
  for (const p of placed) if (p.hlc && (highest === undefined || p.hlc > highest)) highest = p.hlc;
  return highest;
}

/**
 * The events of several files in causal order, each id once (the first file
 * that holds it wins). One file is already in that order and comes back as it
 * is. Files whose owners matter (a peer's, which may name someone else) go
 * through merge.ts instead.
 */
export function causalOrder(files: readonly (readonly OncallEvent[])[]): OncallEvent[] {
  const nonEmpty = files.filter((file) => file.length > 0);
  if (nonEmpty.length <= 1) return [...(nonEmpty[0] ?? [])];
  const seen = new Set<string>();
  const placed: Placed[] = [];
  for (const file of nonEmpty) {
    for (const p of placedIn(file)) {
      if (seen.has(p.event.id)) continue;
      seen.add(p.event.id);
      placed.push(p);
    }
  }
  return sortPlaced(placed).map(({ event }) => event);
}
