// One event as a line of the text timeline (local time, who, what): shared by
// `oncall timeline` and `--follow`, which prints the same lines as they come.
// `text` is the describer's, already safe for a terminal; the actor is made so
// here. A peer's time is shown in this laptop's clock when theirs is off by
// more than a minute (`~`: corrected; `*`: backfilled with --at).
import { shownTime } from '../../domain/incident/clocks.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { localClock, localDate, utcClock } from '../../domain/incident/time.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { padColumns } from '../../domain/text/wrap.js';

type Clocks = Readonly<Record<string, number>> | undefined;

/** Each responder's column, made safe and padded once: a night has a few responders and thousands of lines. */
const actorColumns = new Map<string, string>();
function actorColumn(actor: string): string {
  let column = actorColumns.get(actor);
  if (column === undefined) {
    column = padColumns(safeLine(actor), 16);
    if (actorColumns.size < 1_000) actorColumns.set(actor, column);
  }
  return column;
}

export function timelineLine(
  e: OncallEvent,
  text: string,
  tz: string | undefined,
  clocks?: Clocks,
): string {
  const { at, corrected } = shownTime(e, clocks);
  const mark = e.recordedAt ? '*' : corrected ? '~' : ' ';
  return `${localClock(at, tz)}${mark} ${actorColumn(e.actor)} ${text}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The local day an event's line is on (its shown time's), and the line that
 * says it (`── Sunday 2026-11-01 ──`): printed where the day changes, so a
 * night across midnight reads 23:50, then 00:10 of the next day.
 */
export function dayOfLine(e: OncallEvent, tz: string | undefined, clocks?: Clocks): string {
  return localDate(shownTime(e, clocks).at, tz);
}

export function dayLine(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()];
  return `── ${weekday} ${day} ──`;
}

/** Which clock columns a Markdown timeline has, and which say the date (their night spans two days). */
export interface MarkdownColumns {
  local: boolean;
  utcDays: boolean;
  localDays: boolean;
}

/**
 * The same event's clock columns for Markdown (UTC, local), corrected the same
 * way; UTC alone when `local` is false (local time is UTC all along). A column
 * whose times are of several days gives each its date, as the postmortem's
 * timeline does (`11-01 00:10`).
 */
export function markdownClocks(
  e: OncallEvent,
  tz: string | undefined,
  clocks: Clocks,
  columns: MarkdownColumns,
): string {
  const { at, corrected } = shownTime(e, clocks);
  const mark = corrected ? '~' : '';
  const utc = `${columns.utcDays ? `${utcDateOf(at).slice(5)} ` : ''}${utcClock(at)}${mark}`;
  if (!columns.local) return utc;
  const day = columns.localDays ? `${localDate(at, tz).slice(5)} ` : '';
  return `${utc} | ${day}${localClock(at, tz)}${mark}`;
}

const utcDateOf = (at: string) => new Date(at).toISOString().slice(0, 10);
