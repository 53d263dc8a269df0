// One event as a line of the text timeline (local time, who, what): shared by
// `oncall timeline` and `--follow`, which prints the same lines as they come.
// `text` is the describer's, already safe for a terminal; the actor is made so
// here. A peer's time is shown in this laptop's clock when theirs is off by
// more than a minute (`~`: corrected; `*`: backfilled with --at).
import { shownTime } from '../../domain/incident/clocks.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { localClock, utcClock } from '../../domain/incident/time.js';
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

/**
 * The same event's clock columns for Markdown (UTC, local), corrected the same
 * way; UTC alone when `local` is false (local time is UTC all along).
 */
export function markdownClocks(
  e: OncallEvent,
  tz: string | undefined,
  clocks: Clocks,
  local: boolean,
): string {
  const { at, corrected } = shownTime(e, clocks);
  const mark = corrected ? '~' : '';
  return local ? `${utcClock(at)}${mark} | ${localClock(at, tz)}${mark}` : `${utcClock(at)}${mark}`;
}
