// The nights a zone's clocks change: whether a minute is near enough to a
// change that its wall clock alone reads wrong (see localClock in time.ts).
// Pure: a zone is given as its offsets, read by time.ts through Date or Intl.

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Hours either side looked at: wider than any change of a zone's clocks (Antarctica/Troll's: 2h). */
const HOURS_NEAR = 3;

/** Minutes east of UTC that a zone's clocks show at an instant. */
export type OffsetAt = (ms: number) => number;

/** Per zone, per UTC hour: whether its clocks change within HOURS_NEAR of it (most hours of a year: no). */
const changingHours = new Map<string, Map<number, boolean>>();
/** Hours kept per zone before starting afresh (a long-running walk reads on). */
const HOURS_KEPT = 10_000;

/**
 * Whether the clocks change at most as far from the minute `ms` as they move
 * there: the repeated hour, or the hour either side of a skipped one.
 */
export function nearChange(ms: number, zone: string, offsetAt: OffsetAt): boolean {
  const hour = Math.floor(ms / HOUR);
  let known = changingHours.get(zone);
  if (!known || known.size >= HOURS_KEPT) {
    known = new Map();
    changingHours.set(zone, known);
  }
  let changing = known.get(hour);
  if (changing === undefined) {
    const first = offsetAt((hour - HOURS_NEAR) * HOUR);
    changing = false;
    for (let h = hour - HOURS_NEAR + 1; h <= hour + HOURS_NEAR + 1 && !changing; h++)
      changing = offsetAt(h * HOUR) !== first;
    known.set(hour, changing);
  }
  if (!changing) return false;
  const here = offsetAt(ms);
  const before = changeBetween(ms - HOURS_NEAR * HOUR, ms, offsetAt);
  if (before !== undefined && ms - before < Math.abs(here - offsetAt(before - MINUTE)) * MINUTE)
    return true;
  const after = changeBetween(ms, ms + HOURS_NEAR * HOUR, offsetAt);
  return after !== undefined && after - ms <= Math.abs(offsetAt(after) - here) * MINUTE;
}

/** The first minute after `from` (to `to`) the offset differs from `from`'s; none when it holds. */
function changeBetween(from: number, to: number, offsetAt: OffsetAt): number | undefined {
  const was = offsetAt(from);
  if (offsetAt(to) === was) return undefined;
  let lo = Math.floor(from / MINUTE);
  let hi = Math.floor(to / MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * MINUTE) === was) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}
