// What the note's path can tell of a log's opening event from what it reads
// anyway: the tail it reads for its counter (the whole log, while that is
// short) and, on a longer log, its first line. Told in the reading commands'
// terms (use-cases/journal/load.ts): a log without a readable incident.opened
// of its own incident is one they refuse, so what is appended to it is kept
// and shown by none. Read on a note's path: a log as oncall writes it costs
// one line's check.
import type { OncallEvent } from '../../domain/incident/events.js';
import type { UnopenedAt } from '../../domain/incident/unopened.js';
import { parseLog } from './log.js';
import type { Tail } from './tail.js';

/** The one line `text` (line `line` of `file`), read as the reading commands read it. */
function readOne(
  file: string,
  text: string,
  line: number,
): { event?: OncallEvent; damage?: UnopenedAt } {
  const read = parseLog(file, `${text}\n`);
  const damage = read.damaged[0];
  if (damage) return { damage: { ...damage, line } };
  return read.events[0] ? { event: read.events[0] } : {};
}

/** Whether line `line` is a readable incident.opened of `incident`; else why not (undefined: a blank line). */
function openingAt(
  file: string,
  text: string,
  line: number,
  incident: string,
): UnopenedAt | 'opened' | undefined {
  const { event, damage } = readOne(file, text, line);
  if (damage) return damage;
  if (!event) return undefined;
  if (event.incident !== incident) {
    return {
      file,
      line,
      reason: `an event of incident ${event.incident}, not ${incident}`,
      otherIncident: event.incident,
    };
  }
  if (event.type === 'incident.opened') return 'opened';
  return { file, line, reason: `a ${event.type} event, not incident.opened` };
}

/**
 * Why the reading commands would refuse this log, as far as its tail shows:
 * its first line (or, when the tail is the whole log, every line that names
 * incident.opened) holds no readable opening event of `incident`. Undefined
 * when it does, or when the tail cannot tell (unreadable, a first line too long).
 */
export function unopenedIn(file: string, tail: Tail, incident: string): UnopenedAt | undefined {
  if (!tail.whole) {
    if (tail.first === undefined) return undefined;
    const at = openingAt(file, tail.first, 1, incident);
    return at === 'opened' ? undefined : at;
  }
  let first: UnopenedAt | undefined;
  for (let i = 0; i < tail.lines.length; i++) {
    const text = tail.lines[i] as string;
    if (first && !text.includes('"incident.opened"')) continue;
    if (i === tail.lines.length - 1 && text.trim() === '') break;
    const at = openingAt(file, text, i + 1, incident);
    if (at === 'opened') return undefined;
    first ??= at;
  }
  return first ?? { file, line: 0, reason: 'empty' };
}
