// Times as responders type them (`--at`, `--started-at`, `--detected-at`),
// checked before they reach the log: the log is read as what happened, so a
// 30th of February, a 24:30 or a year 0001 is refused with the reason rather
// than rolled over into another date, and a time outside the window below is
// refused as a typo.
//
// One rule for a local time, in every form: of the instants the zone's clocks
// showed it (today or yesterday for a bare HH:MM), the latest that is not in
// the future. When both of a time shown twice (clocks went back) are past, the
// later is taken and that is said on stderr with how to give the other
// (`01:30 EDT`, `01:30-04:00`), so a log is never an hour off silently. The
// zone's short name as oncall prints it near a change (`01:10 EST`, `01:45
// GMT+11`) or an offset picks one. A time
// the clocks skipped is read as the zone does (02:30 -> 03:30), said too, and
// refused when that is still ahead (rather than taken as yesterday's).
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
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
/** A time followed by a zone's short name, as oncall prints one: `01:10 EST`, `01:45 GMT+11`. */
const NAMED = /^(.*\d)\s+([a-z]{1,6}(?:[+-]\d{1,2}(?::\d{2})?)?)$/i;
/** Short names that are UTC whatever the responder's zone: read as the offset Z. */
const UTC_LABELS: ReadonlySet<string> = new Set(['UTC', 'GMT', 'Z']);
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
  /** The zone's short name typed after the time (`EST`), which picks among the instants. */
  label?: string;
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
  const ago = AGO.exec(text);
  const named = ago ? null : NAMED.exec(text);
  const upper = named?.[2]?.toUpperCase();
  const utc = upper !== undefined && UTC_LABELS.has(upper);
  const r: Reading = {
    ...options,
    text,
    ...(named && !utc ? { label: named[2] } : {}),
    get offsets() {
      // Zone rules are read only for a local time (Intl is slow to wake).
      return offsetsIn(options.tz);
    },
  };
  // `02:10 UTC` is `02:10Z` in any zone.
  const body = named ? `${named[1]}${utc ? 'Z' : ''}` : text;
  const iso = ISO.exec(body);
  const clock = CLOCK.exec(body);
  if (r.label && (iso?.[8] || clock?.[4])) {
    throw refuse(r, 'give a zone name or an offset, not both (01:30 EST, or 01:30-05:00)');
  }
  let when: When;
  if (iso) when = fromIso(r, iso);
  else if (clock) when = fromClock(r, clock);
  else if (ago) when = { at: new Date(options.now.getTime() - agoMs(r, ago)) };
  else {
    throw refuse(
      r,
      'not a time I understand. Use ISO 8601 (2026-11-22T02:10:00Z), a local HH:MM (01:10, 01:10 EST), or "10m ago"',
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
  // A clock with its zone (`03:00 EST`, `03:00-05:00`) is checked as a bare one.
  const clock = CLOCK.exec(NAMED.exec(text)?.[1] ?? text);
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
  const found = resolveLocal(r, wall, { dated: true });
  if (found) return found;
  throw refuse(r, notShown(r, [wall], `on ${dayOf(wall)}`));
}

function fromClock(r: Reading, m: RegExpExecArray): When {
  const [, h, mi, s, zone] = m;
  const time = { h: Number(h), mi: Number(mi), s: Number(s ?? 0), ms: 0 };
  const bad = impossibleTime(time);
  if (bad) throw refuse(r, bad);
  const nowMs = r.now.getTime();
  if (zone) {
    // An offset names one instant a day: today's in that offset, or yesterday's if that is ahead.
    const offset = offsetMs(r, zone);
    const at = wallMs(onDayOf(nowMs + offset, { y: 0, mo: 0, d: 0, ...time })) - offset;
    return { at: new Date(at <= nowMs + SKEW_MS ? at : at - DAY) };
  }
  const today = onDayOf(nowMs + r.offsets.at(nowMs), { y: 0, mo: 0, d: 0, ...time });
  const yesterday = onDayOf(wallMs(today) - DAY, today);
  // Later today than now: the responder means yesterday (typing 23:50 at 00:10).
  const found = resolveLocal(r, today, { today: true }) ?? resolveLocal(r, yesterday);
  if (found) return found;
  if (r.label) throw refuse(r, notShown(r, [today, yesterday], 'today or yesterday'));
  throw refuse(r, 'that is ahead of now, today and yesterday alike. Give when it happened.');
}

// ── local times and daylight saving ──────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const clockOf = (ms: number) => {
  const date = new Date(ms);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
};
const dayOf = (w: Wall) => `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
const nameAt = (r: Reading, ms: number) => zoneAbbreviation(new Date(ms), r.tz);

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

/** Which day a wall time is on: typed with its date, or a bare HH:MM read as today's. */
interface Day {
  dated?: boolean;
  today?: boolean;
}

/**
 * The instants at which the zone's clocks showed a wall time, earliest first:
 * one most nights, two when the clocks went back over it, none when they
 * jumped over it. The offsets a day before and a day after are the candidates.
 */
function instantsOf(naive: number, offsets: Offsets): number[] {
  return [...new Set([offsets.at(naive - DAY), offsets.at(naive + DAY)])]
    .filter((offset) => offsets.at(naive - offset) === offset)
    .map((offset) => naive - offset)
    .sort((a, b) => a - b);
}

/**
 * The instant a wall time names in the zone, by the rule above: of the
 * instants its clocks showed it (with the short name typed, if one was), the
 * latest not in the future; the first when all are ahead (the window then
 * refuses it). Undefined when none fits: the name typed was not shown then, or
 * (for `today`) every instant, or the skipped time read as the zone reads it, is ahead.
 */
function resolveLocal(r: Reading, wall: Wall, day: Day = {}): When | undefined {
  const naive = wallMs(wall);
  const offsets = r.offsets;
  const all = instantsOf(naive, offsets);
  if (all.length === 0) return r.label ? undefined : skipped(r, wall, day);
  const label = r.label?.toUpperCase();
  const shown = label ? all.filter((ms) => nameAt(r, ms).toUpperCase() === label) : all;
  const latest = r.now.getTime() + SKEW_MS;
  const past = shown.filter((ms) => ms <= latest);
  const at = past.at(-1) ?? (day.today ? undefined : shown[0]);
  if (at === undefined) return undefined;
  const [first, second] = all;
  if (r.label || second === undefined || first === undefined || second > latest) {
    return { at: new Date(at) };
  }
  // Both have happened: the later is taken, and said, with how to give the earlier.
  const clock = clockOf(naive);
  const ago = r.now.getTime() - at;
  const other = day.dated
    ? `${dayOf(wall)}T${clock}${offsetText(offsets.at(first))}`
    : `${r.text} ${nameAt(r, first)}`;
  return {
    at: new Date(at),
    notice: `${r.flag} ${r.text}: ${clock} happened twice on ${dayOf(wall)} in ${zoneName(r.tz)} (clocks went back ${shift(second - first)}); using the later, ${clock} ${nameAt(r, at)}${ago >= 0 ? ` (${roughly(Math.max(ago, MINUTE))} ago)` : ''}. For the earlier, give ${other}`,
  };
}

/**
 * A wall time the clocks jumped over, read as the zone reads it: with the
 * offset from before the jump, so 02:30 becomes 03:30, as a clock would; and
 * said. Bare, on today's date and still ahead: refused, not read as yesterday's.
 */
function skipped(r: Reading, wall: Wall, day: Day): When {
  const naive = wallMs(wall);
  const before = r.offsets.at(naive - DAY);
  const after = r.offsets.at(naive + DAY);
  const at = naive - before;
  const clock = clockOf(naive);
  const where = `on ${dayOf(wall)} in ${zoneName(r.tz)}`;
  const jumped = `clocks jumped forward ${shift(after - before)}`;
  if (day.today && at > r.now.getTime() + SKEW_MS) {
    throw refuse(
      r,
      `${clock} does not exist ${where} (${jumped}), and ${clockOf(at + after)} is still ahead. Give the time as the clock showed it, or how long ago ("20m ago")`,
    );
  }
  return {
    at: new Date(at),
    notice: `${r.flag} ${r.text}: ${clock} does not exist ${where} (${jumped}); using ${clockOf(at + after)} (${nameAt(r, at)})`,
  };
}

/** Why a time with a short name was refused: it is ahead, or the names the zone's clocks showed with it. */
function notShown(r: Reading, walls: Wall[], when: string): string {
  const latest = r.now.getTime() + SKEW_MS;
  const clock = clockOf(wallMs(walls[0] as Wall));
  const names = new Set<string>();
  for (const wall of walls) {
    for (const ms of instantsOf(wallMs(wall), r.offsets)) {
      const name = nameAt(r, ms);
      if (name.toUpperCase() === r.label?.toUpperCase()) {
        return `${clock} ${name} is still ahead. Give when it happened`;
      }
      if (ms <= latest) names.add(name);
    }
  }
  const shown = [...names].map((name) => `${clock} ${name}`).join(' or ');
  return `${zoneName(r.tz)}'s clocks did not show ${clock} ${r.label} ${when}${shown ? ` (they showed ${shown})` : ''}. Give the time as they showed it, an offset (${clock}${offsetText(r.offsets.at(r.now.getTime()))}), or how long ago ("20m ago")`;
}
