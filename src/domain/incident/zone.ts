// How far a zone's clocks are from UTC at an instant: what turning a local
// wall time (`--at 02:30`) into an instant needs, daylight saving included.
// The zone is the responder's TZ as the command was given it (ctx.env), so a
// test can read Berlin times in a process running in UTC. The process's own
// zone is read through Date: Intl's first use costs tens of milliseconds,
// too much for `oncall note --at 02:10`.
import { isUtcName, zoneOf } from './time.js';

export interface Offsets {
  /** Milliseconds east of UTC that the zone's clocks show at `instant` (ms since the epoch). */
  at(instant: number): number;
}

const MINUTE = 60_000;

const processOffsets: Offsets = {
  at: (instant) => -new Date(instant).getTimezoneOffset() * MINUTE,
};

const utcOffsets: Offsets = { at: () => 0 };

/** Offsets in the zone `tz` names; the process's zone when unset, the same, or unknown to Intl. */
export function offsetsIn(tz: string | undefined): Offsets {
  if (tz === undefined || tz === process.env.TZ) return processOffsets;
  if (isUtcName(tz)) return utcOffsets;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
  } catch {
    // A POSIX rule such as CET-1CEST, which Intl cannot read: as zoneOf, fall back.
    return processOffsets;
  }
  return {
    at(instant) {
      const p: Record<string, number> = {};
      for (const part of format.formatToParts(instant)) p[part.type] = Number(part.value);
      const wall = new Date(0);
      wall.setUTCFullYear(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1);
      wall.setUTCHours(p.hour ?? 0, p.minute ?? 0, p.second ?? 0, 0);
      return wall.getTime() - (instant - (((instant % 1000) + 1000) % 1000));
    },
  };
}

/** The zone's name as the responder knows it: Europe/Berlin (TZ, else the system's). */
export function zoneName(tz: string | undefined): string {
  return zoneOf(tz === undefined ? {} : { TZ: tz });
}
