// Which events a laptop cannot vouch for. A peer's file on the share remote
// can hold anything its writer put there: an event stamped with another
// responder's name (a handoff "by" the commander), or, with signing on
// (share.signing), a file whose commits no allowed signer made. Such an event
// is still shown, flagged in every output, and kept out of every decision
// (severity, commander, impact, status, the next update): merge.ts marks it
// when it reads the files, and the fold and the renderers ask here. Marked by
// object identity, like terminal-safe's madeSafe: the event itself is never
// changed, so `--json` and the log keep it as it was. Pure.
import type { OncallEvent } from './events.js';

const doubted = new WeakMap<OncallEvent, string>();
/**
 * None was ever marked (no shared incident read in this process): every event
 * is vouched for without a lookup. The readers ask of each of a night's events,
 * several times over.
 */
let noneDoubted = true;

/** Marks `event` as not vouched for, and why ("recorded as bob@b but found in carol@c's file"). */
export function markUnverified(event: OncallEvent, why: string): void {
  noneDoubted = false;
  doubted.set(event, why);
}

/** Why `event` is not vouched for, or undefined when it is. */
export function unverified(event: OncallEvent): string | undefined {
  return noneDoubted ? undefined : doubted.get(event);
}

/** The events as data (`--json`, export): each unverified one says why in an `unverified` field. */
export function asData(events: readonly OncallEvent[]): readonly object[] {
  if (noneDoubted || !events.some((e) => doubted.has(e))) return events;
  return events.map((e) => {
    const why = doubted.get(e);
    return why === undefined ? e : { ...e, unverified: why };
  });
}
