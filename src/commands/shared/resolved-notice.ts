// What a command that writes to an incident already over says on stderr: it is
// kept (history is filled in after the fact), and a new problem is a new
// incident. One wording for the note, the impact, the severity and a command run.
import { localClock } from '../../domain/incident/time.js';

/** `<id> was resolved at 02:40; the note is recorded there. Something new? …` */
export function resolvedNotice(
  id: string,
  resolvedAt: string,
  tz: string | undefined,
  what: string,
): string {
  return `${id} was resolved at ${localClock(resolvedAt, tz)}; ${what} is recorded there. Something new? \`oncall start\` opens a new incident.\n`;
}
