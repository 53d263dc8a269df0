// Times as responders type them (`--at`, `--started-at`, `--detected-at`),
// checked before they reach the log: the log is read as what happened, so a
// 30th of February, a 24:30 or a year 0001 is refused with the reason rather
// than rolled over into another date, and a time outside the window below is
// refused as a typo. A local time that falls in a daylight-saving gap or
// overlap is taken, with a notice saying which instant was picked.
//
// The window: from WINDOW_DAYS (14) days before now to SKEW_MS (one minute)
// after it. Two weeks holds an incident that smouldered over a long weekend;
// a wrong month or year falls outside it. The minute ahead allows for the
// clock of the machine the time was read from.
import { UsageError } from '../../errors.js';
import { zoneAbbreviation } from './time.js';
import { type Offsets, offsetsIn, zoneName } from './zone.js';

export const WINDOW_DAYS = 14;
export const SKEW_MS = 60_000;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const AGO = /^(\d+)\s*(s|m|h|min|mins|minutes?|hours?|hrs?|sec|secs|seconds?)\s*(ago)?$/i;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface WhenOptions {
  now: Date;
  /** The flag the value came with, named in every message (`--at`). */
  flag: string;
  /** The zone local times are read in (the responder's TZ); unset: the process's zone. */
  tz?: string | undefined;
}

interface When {
  at: Date;
  /** Said when a local time fell in a daylight-saving gap or overlap: which instant was taken. */
  notice?: string;
}

/** One value being read: what was typed, against which clock and zone. */
interface Reading extends WhenOptions {
  text: string;
  offsets: Offsets;
}

/** A wall-clock time's fields, in no zone yet. */
interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

/**
 * Parses `--at`/`--started-at` values:
 * - ISO 8601 with a zone (`2026-11-22T02:10:00Z`, `…+01:00`), or without one (local time in `tz`);
 * - a local `HH:MM` (or `HH:MM:SS`): today, or yesterday if that would be in the future;
 * - a relative `10m ago`, `2h`, `90s ago`.
 * Impossible dates and times, and times outside the window, are refused (UsageError, exit 2).
 */
export function parseWhen(input: string, options: WhenOptions): When {
  const text = input.trim();
  const r: Reading = {
    ...options,
    text,
    get offsets() {
      // Zone rules are read only for a local time (Intl is slow to wake).
      return offsetsIn(options.tz);
    },
  };
  const iso = ISO.exec(text);
  const clock = CLOCK.exec(text);
  const ago = AGO.exec(text);
  let when: When;
  if (iso) when = fromIso(r, iso);
  else if (clock) when = fromClock(r, clock);
  else if (ago) when = { at: new Date(options.now.getTime() - agoMs(r, ago)) };
  else {
    throw refuse(
      r,
      'not a time I understand. Use ISO 8601 (2026-11-22T02:10:00Z), a local HH:MM, or "10m ago"',
    );
  }
  checkWindow(r, when.at.getTime() - options.now.getTime());
  return when;
}

/**
 * A deadline typed in words (`escalate --by`: "03:00", "10m", "end of shift")
 * is passed on as typed; one written as a clock must be a time there is: a
 * `25:00` would reach the person asked, who cannot tell what was meant.
 */
export function checkClockWords(input: string, flag: string): void {
  const text = input.trim();
  const clock = CLOCK.exec(text);
  if (!clock) return;
  const [, h, mi, s] = clock;
  const bad = impossibleTime({ h: Number(h), mi: Number(mi), s: Number(s ?? 0) });
  if (bad) throw new UsageError(`${flag} ${text}: ${bad}`);
}

function refuse(r: Reading, why: string): UsageError {
  return new UsageError(`${r.flag} ${r.text}: ${why}`);
}

// ── the window ───────────────────────────────────────────────────────────

/** Refuses a time `ahead` ms after now (negative: before) outside the window. */
function checkWindow(r: Reading, ahead: number): void {
  if (ahead > SKEW_MS)
    throw refuse(r, `that is ${roughly(ahead)} in the future. Give when it happened.`);
  if (-ahead > WINDOW_DAYS * DAY) {
    throw refuse(
      r,
      `that is ${roughly(-ahead)} ago; give a time from the last ${WINDOW_DAYS} days`,
    );
  }
}

/** "3h", "40 days", "about 2025 years": how far off a refused time is. */
function roughly(ms: number): string {
  if (ms < HOUR) return `${Math.ceil(ms / MINUTE)}m`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)}h`;
  if (ms < 730 * DAY) return `${Math.floor(ms / DAY)} days`;
  return `about ${Math.floor(ms / (365.2425 * DAY))} years`;
}

/** How long ago "90s ago", "2h" is, in ms; refused here when beyond the window. */
function agoMs(r: Reading, ago: RegExpExecArray): number {
  const amount = Number(ago[1]);
  const unit = (ago[2] ?? 'm').toLowerCase();
  const ms = amount * (unit.startsWith('h') ? HOUR : unit.startsWith('s') ? 1_000 : MINUTE);
  if (!Number.isSafeInteger(ms)) {
    throw refuse(r, `that is too long ago; give a time from the last ${WINDOW_DAYS} days`);
  }
  checkWindow(r, -ms);
  return ms;
}

// ── the fields ───────────────────────────────────────────────────────────

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysIn(y: number, mo: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
}

/** Why a date or time of day does not exist, or undefined when it does. */
function impossible(w: Omit<Wall, 'ms'>): string | undefined {
  if (w.mo < 1 || w.mo > 12) return `there is no month ${w.mo}; months go from 01 to 12`;
  if (w.d < 1) return 'there is no day 0; days start at 01';
  const days = daysIn(w.y, w.mo);
  if (w.d > days) return `${MONTHS[w.mo - 1]} has ${days} days in ${w.y}`;
  return impossibleTime(w);
}

function impossibleTime(w: { h: number; mi: number; s: number }): string | undefined {
  if (w.h > 23) return `there is no hour ${w.h}; hours go from 00 to 23`;
  if (w.mi > 59) return `there is no minute ${w.mi}; minutes go from 00 to 59`;
  if (w.s > 59) return `there is no second ${w.s}; seconds go from 00 to 59`;
  return undefined;
}

/** The wall time's fields read as if in UTC, in ms (a year below 100 stays that year, not 19xx). */
function wallMs(w: Wall): number {
  const date = new Date(0);
  date.setUTCFullYear(w.y, w.mo - 1, w.d);
  date.setUTCHours(w.h, w.mi, w.s, w.ms);
  return date.getTime();
}

/** The calendar day of `ms` read as a wall time, at the time of day `w` has. */
function onDayOf(ms: number, w: Wall): Wall {
  const day = new Date(ms);
  return { ...w, y: day.getUTCFullYear(), mo: day.getUTCMonth() + 1, d: day.getUTCDate() };
}

/** An ISO offset in ms east of UTC: "Z" 0, "+05:30", "-0800". */
function offsetMs(r: Reading, text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2));
  if (h > 14 || m > 59 || (h === 14 && m > 0)) {
    throw refuse(r, `there is no UTC offset ${text}; offsets go from -12:00 to +14:00`);
  }
  return (text.startsWith('-') ? -1 : 1) * (h * 60 + m) * MINUTE;
}

function fromIso(r: Reading, m: RegExpExecArray): When {
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const wall: Wall = {
    y: Number(y),
    mo: Number(mo),
    d: Number(d),
    h: Number(h),
    mi: Number(mi),
    s: Number(s ?? 0),
    ms: Number((ms ?? '0').padEnd(3, '0')),
  };
  const bad = impossible(wall);
  if (bad) throw refuse(r, bad);
  if (zone) return { at: new Date(wallMs(wall) - offsetMs(r, zone)) };
  // No zone brings a wall time more than a day nearer: refuse before reading zone rules.
  const ahead = wallMs(wall) - r.now.getTime();
  checkWindow(r, ahead > 0 ? Math.max(0, ahead - DAY) : Math.min(0, ahead + DAY));
  return resolveLocal(r, wall, r.offsets);
}

function fromClock(r: Reading, m: RegExpExecArray): When {
  const [, h, mi, s] = m;
  const time = { h: Number(h), mi: Number(mi), s: Number(s ?? 0), ms: 0 };
  const bad = impossibleTime(time);
  if (bad) throw refuse(r, bad);
  const offsets = r.offsets;
  const nowMs = r.now.getTime();
  const today = onDayOf(nowMs + offsets.at(nowMs), { y: 0, mo: 0, d: 0, ...time });
  const todays = resolveLocal(r, today, offsets);
  if (todays.at.getTime() <= nowMs + SKEW_MS) return todays;
  // Later today than now: the responder means yesterday (typing 23:50 at 00:10).
  return resolveLocal(r, onDayOf(wallMs(today) - DAY, today), offsets);
}

// ── local times and daylight saving ──────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const clockOf = (ms: number) => {
  const date = new Date(ms);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
};
const dayOf = (w: Wall) => `${w.y}-${pad(w.mo)}-${pad(w.d)}`;

/** "1h", "30m": the size of a daylight-saving change. */
function shift(ms: number): string {
  const minutes = Math.abs(ms) / MINUTE;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** An offset in ms as ISO text: +01:00, -04:00, +10:30. */
function offsetText(ms: number): string {
  const minutes = Math.abs(ms) / MINUTE;
  return `${ms < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The instant a wall time names in the zone. The offsets a day before and a
 * day after give the candidates: one when the offset does not change, two
 * when the wall time happened twice (clocks went back: the first is taken),
 * none when it never happened (clocks jumped forward: the time is read with
 * the offset from before the jump, so 02:30 becomes 03:30, as a clock would).
 */
function resolveLocal(r: Reading, wall: Wall, offsets: Offsets): When {
  const naive = wallMs(wall);
  const before = offsets.at(naive - DAY);
  const after = offsets.at(naive + DAY);
  const fits = (offset: number) => offsets.at(naive - offset) === offset;
  const [first, second] = [...new Set([before, after])]
    .filter(fits)
    .map((offset) => naive - offset)
    .sort((a, b) => a - b);
  if (first !== undefined && second === undefined) return { at: new Date(first) };
  const clock = clockOf(naive);
  const where = `on ${dayOf(wall)} in ${zoneName(r.tz)}`;
  if (first !== undefined) {
    const other = `${dayOf(wall)}T${clock}${offsetText(after)}`;
    return {
      at: new Date(first),
      notice: `${r.flag} ${r.text}: ${clock} happened twice ${where} (clocks went back ${shift(before - after)}); using the first (${zoneAbbreviation(new Date(first), r.tz)}). For the second, give ${other}`,
    };
  }
  const at = naive - before;
  return {
    at: new Date(at),
    notice: `${r.flag} ${r.text}: ${clock} does not exist ${where} (clocks jumped forward ${shift(after - before)}); using ${clockOf(at + after)} (${zoneAbbreviation(new Date(at), r.tz)})`,
  };
}
