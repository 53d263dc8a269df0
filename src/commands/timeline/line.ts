// One event as a line of the text timeline (local time, who, what): shared by
// `oncall timeline` and `--follow`, which prints the same lines as they come.
// `text` is the describer's, already safe for a terminal; the actor is made so here.
import type { OncallEvent } from '../../domain/incident/events.js';
import { localClock } from '../../domain/incident/time.js';
import { safeLine } from '../../domain/text/terminal-safe.js';

export function timelineLine(e: OncallEvent, text: string, tz: string | undefined): string {
  return `${localClock(e.ts, tz)}${e.recordedAt ? '*' : ' '} ${safeLine(e.actor).padEnd(16)} ${text}`;
}
