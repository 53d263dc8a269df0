// How much of a long list the postmortem draft tells. A draft is for people
// to read and edit: a night of a few thousand events is told whole, but a
// list of tens of thousands of rows (a multi-day incident, a shell recording
// every command) is not a draft any more, and making it took seconds. So each
// list keeps its first and its last items, and one item in between says how
// many are left out, over which times, and where each one is: `oncall
// timeline` and `oncall export --json` read the whole log. The severity path in
// the header and the evidence were already told this way.
//
// The item in between is shaped like the list's own items, so a team's own
// template shows it without knowing about it.

import { markdownReady } from '../text/markdown.js';
import { withThousands } from '../text/numbers.js';
import { madeSafe } from '../text/terminal-safe.js';

/** How many items of a long list are kept at its start and at its end. */
export interface Bounds {
  head: number;
  tail: number;
}

/** The draft's lists (findings, ruled out, handoffs, commands…): a list of up to 501 is whole. */
export const LIST_BOUNDS: Bounds = { head: 250, tail: 250 };

/** The draft's timeline: up to 2,001 rows (a long night of a few thousand events) is whole. */
export const TIMELINE_BOUNDS: Bounds = { head: 1_000, tail: 1_000 };

/** True when a list of `length` items is cut: more than the kept items and the one that tells the rest. */
export const isCut = (length: number, bounds: Bounds): boolean =>
  length > bounds.head + bounds.tail + 1;

/**
 * What the item between the two ends says: how many, what, from when to when
 * (when the items have a time), and where each one is.
 */
export function leftOutText(
  count: number,
  what: string,
  span?: { from: string; to: string },
  where = '`oncall timeline` has every one',
): string {
  const when = span ? ` (${span.from} to ${span.to})` : '';
  return `${withThousands(count)} more ${what}${when} left out of this draft: ${where}`;
}

/**
 * `items` mapped by `map`, whole when short; when long, only the first and
 * last items are mapped (a long night's items cost their making), with
 * `between(count, first, last)` in the middle for the `count` items left out,
 * `first` and `last` being the first and last of those.
 */
export function boundedMap<T, U>(
  items: readonly T[],
  map: (item: T, index: number) => U,
  between: (count: number, first: T, last: T) => U,
  bounds: Bounds = LIST_BOUNDS,
): U[] {
  if (!isCut(items.length, bounds)) return items.map(map);
  const out: U[] = [];
  for (let i = 0; i < bounds.head; i++) out.push(map(items[i] as T, i));
  const end = items.length - bounds.tail;
  out.push(between(end - bounds.head, items[bounds.head] as T, items[end - 1] as T));
  for (let i = end; i < items.length; i++) out.push(map(items[i] as T, i));
  return out;
}

/** `items` as they are when short; when long, their ends and `between` in the middle (boundedMap). */
export const bounded = <T>(
  items: readonly T[],
  between: (count: number, first: T, last: T) => T,
  bounds: Bounds = LIST_BOUNDS,
): T[] => boundedMap(items, (item) => item, between, bounds);

/**
 * The item in between, its strings Markdown already (a code span names the
 * command) and each one safe on a line: the escapers leave it as it is.
 */
export const leftOutItem = <T extends object>(item: T): T => madeSafe(markdownReady(item));

/**
 * A line of a list told at its time: `- {{at}} {{text}}`. The one between
 * has `…` for its time, what is left out for its text, and `leftOut` (the
 * same, after `…`) for a template that prints it alone.
 */
export interface AtLine {
  at: string;
  text: string;
  leftOut?: string;
}

/**
 * The `between` of a list of timed items, each told by its local time
 * (`when`): one line saying how many `what` are left out and over which times.
 */
export function leftOutLine<T extends { ts: string }>(
  what: string,
  when: (ts: string) => string,
): (count: number, first: T, last: T) => AtLine {
  return (count, first, last) => {
    const text = leftOutText(count, what, { from: when(first.ts), to: when(last.ts) });
    return leftOutItem({ at: '…', text, leftOut: `… ${text}` });
  };
}
