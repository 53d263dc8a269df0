// Time as responders read it: every clock, date and duration the CLI and its
// texts show. One module, so a time reads the same on the walk's header, in
// `oncall status` and in a postmortem. (Times as typed, `--at`, are when.ts.)
// The clock and the time zone are passed in, so a golden file renders the same
// on a laptop in Berlin and on CI in UTC. (One shortcut reads the process's TZ:
// a clock in the zone Date already keeps is read through Date; see localClock.)

import { nearChange, type OffsetAt } from './clock-change.js';

const pad = (n: number) => String(n).padStart(2, '0');

const dateOf = (at: string | Date) => (typeof at === 'string' ? new Date(at) : at);

// ── durations ────────────────────────────────────────────────────────────

/** 45s, 12m, 1h 05m, 2d 3h: short enough for a status line (rounded down). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s}s`;
  let m = Math.floor(s / 60);
  s %= 60;
  if (m < 60) return `${sign}${m}m`;
  let h = Math.floor(m / 60);
  m %= 60;
  if (h < 24) return `${sign}${h}h ${pad(m)}m`;
  const d = Math.floor(h / 24);
  h %= 24;
  return `${sign}${d}d ${h}h`;
}

/** The duration between two times; never negative (a clock skew is not a story). */
export function between(from: string, to: string | Date): string {
  return formatDuration(Math.max(0, dateOf(to).getTime() - dateOf(from).getTime()));
}

/**
 * A runbook's wait, exactly as people say it: 90 -> "90s", 600 -> "10m",
 * 5400 -> "1h30m", 330 -> "5m30s". Nothing is rounded away: it is an instruction.
 */
export function formatWait(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (seconds < 120 && !h) return `${seconds}s`;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

// ── clocks and zones ─────────────────────────────────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Since 1972 every zone's offset is a whole number of minutes (see minuteOf). */
const WHOLE_MINUTE_OFFSETS = Date.UTC(1972, 0, 1);

/** Built once per zone and locale: building one costs far more than using it. */
function formatter(tz: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Names of UTC that Intl formats exactly as UTC's own clock, named "UTC" (a
 * test holds each to Intl). Their times are read off the ISO string instead:
 * Intl's first use costs a command tens of milliseconds, and servers and CI
 * run in UTC.
 */
const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC']);

/** Whether `tz` is one of those names of UTC. */
export const isUtcName = (tz: string | undefined): boolean => tz !== undefined && UTC_NAMES.has(tz);

/** Whether Intl knows the zone (an IANA name such as Europe/Berlin, or UTC). */
function knownZone(tz: string): boolean {
  if (UTC_NAMES.has(tz)) return true;
  try {
    formatter(tz, 'en-US');
    return true;
  } catch {
    return false;
  }
}

/** The process's TZ the system zone was last found for, and that zone. */
let system: { tz: string | undefined; zone: string } | undefined;

/**
 * The zone this process runs in, by name (Node reads TZ when it starts, and
 * again when it is set). Date names the process's zone too, in its own
 * words: when those are UTC's, so is Intl's name for it (a test holds them
 * together), and Intl is not started just to say so.
 */
function systemZone(): string {
  const tz = process.env.TZ;
  if (system === undefined || system.tz !== tz) {
    const utc = new Date().toString().endsWith(' GMT+0000 (Coordinated Universal Time)');
    system = { tz, zone: utc ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  }
  return system.zone;
}

/**
 * The zone to show local times in, by name (the texts print it): TZ from the
 * environment when it names a zone, else the system's. A TZ that Intl cannot
 * read (a POSIX rule such as CET-1CEST) falls back rather than failing a
 * command at 2am.
 */
export function zoneOf(env: NodeJS.ProcessEnv): string {
  return env.TZ && knownZone(env.TZ) ? env.TZ : systemZone();
}

/**
 * The parts Intl gives in UTC, read off the ISO string: from 1972 on (where
 * every year has the four digits Intl writes, too).
 */
function utcParts(date: Date): Record<string, string> | undefined {
  const iso = date.toISOString();
  if (iso.length !== 24) return undefined;
  return {
    month: iso.slice(5, 7),
    day: iso.slice(8, 10),
    year: iso.slice(0, 4),
    hour: iso.slice(11, 13),
    minute: iso.slice(14, 16),
    timeZoneName: 'UTC',
  };
}

function formatParts(date: Date, tz: string): Record<string, string> {
  const utc =
    UTC_NAMES.has(tz) && date.getTime() >= WHOLE_MINUTE_OFFSETS ? utcParts(date) : undefined;
  if (utc) return utc;
  const out: Record<string, string> = {};
  for (const p of formatter(tz, 'en-US').formatToParts(date)) out[p.type] = p.value;
  // en-US names American zones (EST) but writes GMT+1 for Berlin; en-GB names European ones (CET).
  if (out.timeZoneName?.startsWith('GMT')) {
    const gb = formatter(tz, 'en-GB')
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName');
    if (gb && !gb.value.startsWith('GMT')) out.timeZoneName = gb.value;
  }
  return out;
}

/** A minute in a zone: its parts, and the texts made of them (made once, then shared). */
interface Minute {
  parts: Record<string, string>;
  clock?: string;
  /** The clock as a responder reads it (localClock). */
  shown?: string;
  dateTime?: string;
}

/**
 * Since 1972 every zone's offset is a whole number of minutes, and changes on
 * a minute: an instant's local date, time (to the minute) and zone name are
 * those of its minute. A postmortem asks for the same few minutes thousands
 * of times; formatting costs far more than looking up, and the texts are shared.
 */
const MINUTES_KEPT = 100_000;
const minutesIn = new Map<string, Map<number, Minute>>();
/** The same minutes by the text of a log time's minute (`2026-11-22T02:14`): no Date to parse. */
const minutesByText = new Map<string, Map<string, Minute>>();

/** The minutes kept for `tz`, started afresh when MINUTES_KEPT are (a long-running walk reads on). */
function keptIn<K, V>(maps: Map<string | undefined, Map<K, V>>, tz: string | undefined): Map<K, V> {
  let known = maps.get(tz);
  if (!known || known.size >= MINUTES_KEPT) {
    known = new Map();
    maps.set(tz, known);
  }
  return known;
}

/**
 * Whether `at` is a time as oncall writes one (`Date#toISOString`, UTC, to the
 * millisecond): then its first 16 characters are its minute and it needs no parsing.
 */
function isLogTime(at: string): boolean {
  return (
    at.length === 24 &&
    at.charCodeAt(23) === 0x5a && // Z
    at.charCodeAt(10) === 0x54 // T
  );
}

function minuteIn(at: string | Date, tz: string): Minute {
  if (typeof at === 'string' && isLogTime(at) && at >= '1972') {
    const known = keptIn(minutesByText, tz);
    const key = at.slice(0, 16);
    let minute = known.get(key);
    if (!minute) {
      minute = minuteOf(new Date(at), tz);
      known.set(key, minute);
    }
    return minute;
  }
  return minuteOf(dateOf(at), tz);
}

function minuteOf(date: Date, tz: string): Minute {
  const ms = date.getTime();
  if (!(ms >= WHOLE_MINUTE_OFFSETS)) return { parts: formatParts(date, tz) };
  const key = Math.floor(ms / 60_000);
  const known = keptIn(minutesIn, tz);
  let minute = known.get(key);
  if (!minute) {
    minute = { parts: formatParts(new Date(key * 60_000), tz) };
    known.set(key, minute);
  }
  return minute;
}

/**
 * 21:14: the time of day in the zone `tz` (an IANA name such as
 * Europe/Berlin: the responder's TZ). Without one, or with one Intl cannot
 * read, in the process's own zone. That zone is read through Date, never
 * Intl: Intl's first use in a process costs tens of milliseconds, too much
 * for `oncall note`, and Date already keeps the time in the zone TZ names.
 * The wall clock alone: a text a person reads shows localClock.
 */
export function wallClock(at: string | Date, tz?: string): string {
  if (inZone(tz)) {
    const minute = minuteIn(at, tz);
    const p = minute.parts;
    minute.clock ??= `${p.hour}:${p.minute}`;
    return minute.clock;
  }
  if (typeof at === 'string' && isLogTime(at) && at >= '1972') return processClockAt(at).clock;
  const date = dateOf(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 2026-11-01: the local date in the zone `tz` (else the process's), read as wallClock reads the clock. */
export function localDate(at: string | Date, tz?: string): string {
  if (inZone(tz)) {
    const p = minuteIn(at, tz).parts;
    return `${p.year}-${p.month}-${p.day}`;
  }
  const date = dateOf(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whether `tz` is read through Intl (a zone it knows that is not the process's own). */
const inZone = (tz: string | undefined): tz is string =>
  tz !== undefined && tz !== process.env.TZ && knownZone(tz);

/**
 * 21:14, as a responder reads it: the wall clock, with the zone's short name
 * (`01:10 EST`) when the clocks changed or change within as long as they
 * moved: an hour that happened twice (both times), or the hours either side
 * of one that never happened (`01:50 EST`, `03:10 EDT`: 20 minutes apart,
 * not 80). Every other night reads as before, with no name.
 */
export function localClock(at: string | Date, tz?: string): string {
  if (inZone(tz)) {
    const minute = minuteIn(at, tz);
    if (minute.shown !== undefined) return minute.shown;
    const clock = wallClock(at, tz);
    const ms = Math.floor(dateOf(at).getTime() / MINUTE) * MINUTE;
    minute.shown =
      isUtcName(tz) || !nearChange(ms, tz, zoneOffsets(tz))
        ? clock
        : `${clock} ${zoneLabel(ms, tz)}`;
    return minute.shown;
  }
  if (typeof at === 'string' && isLogTime(at) && at >= '1972') {
    const known = processClockAt(at);
    known.shown ??= shownInProcess(Date.parse(`${at.slice(0, 16)}:00.000Z`), known.clock);
    return known.shown;
  }
  const ms = Math.floor(dateOf(at).getTime() / MINUTE) * MINUTE;
  return shownInProcess(ms, wallClock(at));
}

function shownInProcess(ms: number, clock: string): string {
  if (Number.isNaN(ms) || !nearChange(ms, `process ${process.env.TZ}`, processOffset)) return clock;
  return `${clock} ${zoneLabel(ms, undefined)}`;
}

/** The process zone's clock by a log time's minute, per TZ (a test may set it): a timeline asks for each event's. */
const processClocks = new Map<string | undefined, Map<string, { clock: string; shown?: string }>>();

/** A log time's clock in the process's zone: that of its minute (see MINUTES_KEPT), made once. */
function processClockAt(at: string): { clock: string; shown?: string } {
  const tz = process.env.TZ;
  const known = keptIn(processClocks, tz);
  const key = at.slice(0, 16);
  let clock = known.get(key);
  if (clock === undefined) {
    const date = new Date(`${key}:00.000Z`);
    clock = { clock: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
    known.set(key, clock);
  }
  return clock;
}

// ── the nights clocks change (clock-change.ts) ───────────────────────────

const MINUTE = 60_000;
const processOffset: OffsetAt = (ms) => -new Date(ms).getTimezoneOffset();

const offsetsByZone = new Map<string, OffsetAt>();

function zoneOffsets(tz: string): OffsetAt {
  let known = offsetsByZone.get(tz);
  if (known) return known;
  known = (ms) => {
    const p = minuteOf(new Date(ms), tz).parts;
    const wall = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
    );
    return Math.round((wall - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
  };
  offsetsByZone.set(tz, known);
  return known;
}

/** The zone's short name at `ms` (EST, GMT+10:30); in the process's zone without `tz`. */
function zoneLabel(ms: number, tz: string | undefined): string {
  return zoneAbbreviation(new Date(ms), tz);
}

/**
 * 01:10 EST: the wall clock with its own zone's short name, always: for a
 * text that names the zone of a time anyway (not the zone of now: the next
 * update, due after the clocks went back, is in EST however the night began).
 */
export function zonedClock(at: string | Date, tz: string): string {
  return `${wallClock(at, tz)} ${zoneAbbreviation(at, tz)}`;
}

/** 2026-11-21 21:14 EST: date, time and zone name in the zone `tz`. */
export function localDateTime(at: string | Date, tz: string): string {
  const minute = minuteIn(at, tz);
  const p = minute.parts;
  minute.dateTime ??= `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
  return minute.dateTime;
}

/** CEST, EST, IST: the zone's short name at that instant, in `tz` (else the process's zone). */
export function zoneAbbreviation(at: string | Date, tz: string | undefined): string {
  return minuteIn(at, zoneOf(tz === undefined ? {} : { TZ: tz })).parts.timeZoneName ?? '';
}

/** The instant in UTC, ISO 8601 (an offset in a string is honoured); text that is no time stays as it is. */
function utcIso(at: string | Date): string {
  if (typeof at === 'string' && isLogTime(at)) return at;
  const date = dateOf(at);
  return Number.isNaN(date.getTime()) ? String(at) : date.toISOString();
}

/** 02:14: the time of day in UTC. */
export function utcClock(at: string | Date): string {
  return utcIso(at).slice(11, 16);
}

/** 2026-11-22 02:14 UTC */
export function utcDateTime(at: string | Date): string {
  const iso = utcIso(at);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
