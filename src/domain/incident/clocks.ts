// How far each peer's clock is off from this laptop's, from what a sync sees.
// Each event keeps its author's wall-clock `ts` (never rewritten) and its
// hybrid clock `hlc` (what its author had seen, order.ts). Two bounds follow:
//
// - ahead: an event cannot come from the future, so an event stamped later
//   than this laptop's clock when it first arrived here says its author's
//   clock is at least that much ahead;
// - behind: an event whose `hlc` is past its own `ts` was recorded on a clock
//   behind something its author had already seen; less this laptop's own such
//   lag (when a third laptop runs ahead, everyone's `hlc` runs ahead of them).
//   An event that arrived soon after it was recorded tells it better: its
//   `ts` is that much before this laptop's clock (plus the trip); when the two
//   agree within FRESH_MS, that is taken (the `hlc` seen may have been stale).
//
// Off by more than a minute, a peer's times are shown corrected into this
// laptop's clock (and said so), and the next update they promised is due at
// that corrected time. Pure.
import type { OncallEvent } from './events.js';

/** Under this, clocks agree: nothing is corrected or said. */
export const CLOCK_TOLERANCE_MS = 60_000;

/** An arrival-based "behind" this close above the `hlc`-based one came straight from a sync. */
const FRESH_MS = 10 * 60_000;

/** How many of a responder's latest events the "behind" bound looks at. */
const RECENT = 50;

const ms = (iso: string) => new Date(iso).getTime();

/** The largest `hlc - ts` among a responder's latest events: how far behind what they had seen they recorded. */
function lagOf(events: readonly OncallEvent[]): number {
  let lag = 0;
  for (const e of events.slice(-RECENT)) if (e.hlc) lag = Math.max(lag, ms(e.hlc) - ms(e.ts));
  return lag;
}

interface ClockEvidence {
  /** This responder's own events. */
  own: readonly OncallEvent[];
  /** Each peer's events, as their files hold them now. */
  peers: ReadonlyMap<string, readonly OncallEvent[]>;
  /** The peers' events that arrived with this sync, and this laptop's clock when they did. */
  arrived: readonly OncallEvent[];
  arrivedAt: Date;
  /** The estimate before this sync (ms, + ahead). */
  before: Readonly<Record<string, number>>;
}

/**
 * Each peer whose clock is off by more than CLOCK_TOLERANCE_MS: by how much
 * (ms, + ahead of this laptop's, - behind).
 */
export function estimateClocks(evidence: ClockEvidence): Record<string, number> {
  const ownLag = lagOf(evidence.own);
  /** Per peer, the latest `ts - arrival` of what arrived now: the offset is at least that. */
  const atLeast = new Map<string, number>();
  for (const e of evidence.arrived) {
    const offset = ms(e.ts) - evidence.arrivedAt.getTime();
    atLeast.set(e.actor, Math.max(atLeast.get(e.actor) ?? Number.NEGATIVE_INFINITY, offset));
  }
  const offsets: Record<string, number> = {};
  for (const [actor, events] of evidence.peers) {
    const previous = evidence.before[actor] ?? 0;
    const lower = atLeast.get(actor);
    if (lower === undefined && previous > 0) {
      // Nothing arrived from them this time: what was seen of their clock before stands.
      offsets[actor] = previous;
      continue;
    }
    if (lower !== undefined && lower > CLOCK_TOLERANCE_MS) {
      offsets[actor] = lower;
      continue;
    }
    const byLag = lagOf(events) - ownLag;
    if (byLag <= CLOCK_TOLERANCE_MS) continue;
    // What the arrivals say (at most: the trip adds to it), now or at the last sync.
    const byArrival = lower !== undefined ? -lower : previous < 0 ? -previous : undefined;
    const fresh =
      byArrival !== undefined &&
      byArrival >= byLag - CLOCK_TOLERANCE_MS &&
      byArrival - byLag < FRESH_MS;
    offsets[actor] = -(fresh ? byArrival : Math.min(byLag, byArrival ?? byLag));
  }
  return offsets;
}

/** When `e` happened in this laptop's clock: its `ts`, less its author's offset when known. */
export function shownTime(
  e: OncallEvent,
  clocks: Readonly<Record<string, number>> | undefined,
): {
  at: string;
  corrected: boolean;
} {
  const off = clocks?.[e.actor];
  if (!off) return { at: e.ts, corrected: false };
  return { at: new Date(ms(e.ts) - off).toISOString(), corrected: true };
}

/** A peer's clock in words: "bob@b's clock is about 3 h ahead of yours". */
export function clockLine(actor: string, offMs: number): string {
  const minutes = Math.round(Math.abs(offMs) / 60_000);
  const size = minutes >= 90 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return `${actor}'s clock is about ${size} ${offMs > 0 ? 'ahead of' : 'behind'} yours: their times are shown corrected`;
}

/** When every peer (two or more) is off the same way, the odd clock is probably this laptop's. */
export function ownClockSuspect(clocks: Readonly<Record<string, number>>, peers: number): boolean {
  const offs = Object.values(clocks);
  if (peers < 2 || offs.length < peers) return false;
  return offs.every((o) => o > 0) || offs.every((o) => o < 0);
}
