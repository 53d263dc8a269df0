// What is shown and drafted is cut per event; the log keeps it all. A peer's
// 50 MB note (or argv, or output tail) would otherwise make `oncall timeline`
// print 50 MB and the postmortem weigh as much. Each text of an event is cut
// at CUT_AT characters and says how much was cut and where the whole is; a
// list (argv, labels) keeps its first items up to the same budget. The event
// read from the log is never changed: a cut copy is made for reading, and
// `--json` and `export` read the log whole. Pure.

import { graphemeHead } from '../text/graphemes.js';
import type { OncallEvent } from './events.js';
import { ENVELOPE_FIELDS } from './free-text.js';

/** Characters kept of any one text of an event. */
export const CUT_AT = 4_096;

/** The envelope: ids, times, who. Never cut (an id must still match). */
const ENVELOPE: ReadonlySet<string> = new Set(ENVELOPE_FIELDS);

function size(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

function cutText(text: string, where: string): string {
  const kept = graphemeHead(text, CUT_AT);
  const rest = Buffer.byteLength(text.slice(kept.length));
  return `${kept} … [cut: ${size(rest)} more; whole in ${where}]`;
}

/** How much a value weighs, roughly, stopping once past `budget` (nothing allocated: every event of a night is weighed). */
function tooBig(value: unknown, budget: number): boolean {
  if (typeof value === 'string') return value.length > budget;
  if (typeof value !== 'object' || value === null) return false;
  let total = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      total += weight(value[i], budget);
      if (total > budget) return true;
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    total += weight(record[key], budget);
    if (total > budget) return true;
  }
  return false;
}

/** A value's part of its container's weight: a string its length, anything past the budget more than it. */
function weight(v: unknown, budget: number): number {
  return typeof v === 'string' ? v.length : tooBig(v, budget) ? budget + 1 : 16;
}

function cutValue(value: unknown, where: string): unknown {
  if (typeof value === 'string') return value.length > CUT_AT ? cutText(value, where) : value;
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    let total = 0;
    for (const v of value) {
      if (total > CUT_AT) {
        kept.push(`… [cut: ${value.length - kept.length} more items; whole in ${where}]`);
        break;
      }
      const made = cutValue(v, where);
      total += typeof made === 'string' ? made.length : 16;
      kept.push(made);
    }
    return kept;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).slice(0, 64);
    return Object.fromEntries(entries.map(([k, v]) => [k.slice(0, 256), cutValue(v, where)]));
  }
  return value;
}

/**
 * A line of the log at most this long holds nothing to cut: a text weighs its
 * length (never more than its JSON), any other item 16 (`tooBig`) while its
 * JSON takes at least two characters with its separator, so nothing in it
 * weighs more than eight times the line. Most lines are this short: a night's
 * 100,000 events need not be weighed one by one.
 */
export const NOTHING_TO_CUT_UP_TO = CUT_AT / 8;

/**
 * `events` with each text past CUT_AT cut (a new array; the events read stay
 * as they are). `long`: where the events are whose line was longer than
 * NOTHING_TO_CUT_UP_TO, when the reader knows (the others are kept as they are); else all are weighed.
 */
export function cutEvents(
  events: readonly OncallEvent[],
  where: string,
  long?: readonly number[],
): OncallEvent[] {
  if (long === undefined) return events.map((e) => cutEvent(e, where));
  const cut = [...events];
  for (const at of long) cut[at] = cutEvent(events[at] as OncallEvent, where);
  return cut;
}

/** `e` with each text past CUT_AT cut (a copy), or `e` itself when none is. `where`: the log that holds it whole. */
export function cutEvent(e: OncallEvent, where: string): OncallEvent {
  const record = e as unknown as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key) || ENVELOPE.has(key) || !tooBig(record[key], CUT_AT)) continue;
    copy ??= { ...record };
    copy[key] = cutValue(record[key], where);
  }
  return (copy ?? e) as OncallEvent;
}
