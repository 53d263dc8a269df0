// One event as a line of the text timeline (local time, who, what): shared by
// `oncall timeline` and `--follow`, which prints the same lines as they come.
import type { OncallEvent } from '../incident/events.js';
import { localClock } from '../incident/time.js';

export function timelineLine(e: OncallEvent, text: string, tz: string | undefined): string {
  return `${localClock(e.ts, tz)}${e.recordedAt ? '*' : ' '} ${e.actor.padEnd(16)} ${text}`;
}
