// `silences.json` beside an incident's log: the silences this laptop made for
// it that still hold, and whether their end was warned of. The silences
// themselves are in the log (silence.* events); this only lets any command,
// `oncall note` included, warn ten minutes before one ends with one small
// read, as `outbox.waiting` lets it nudge the outbox.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface SilenceMark {
  id: string;
  endsAt: string;
  /** The alert it silences, for the warning. */
  alert?: string;
  /** Its end was warned of already: warned once. */
  warned?: boolean;
}

const markerFile = (dir: string) => join(dir, 'silences.json');

export function readSilenceMarks(dir: string): SilenceMark[] {
  try {
    const marks = JSON.parse(readFileSync(markerFile(dir), 'utf8')) as unknown;
    return Array.isArray(marks)
      ? marks.filter(
          (m): m is SilenceMark => typeof m?.id === 'string' && typeof m?.endsAt === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/** Replaces the marks (none: the file goes). Never fails a command: the log holds the truth. */
export function writeSilenceMarks(dir: string, marks: readonly SilenceMark[]): void {
  try {
    if (marks.length) writeFileSync(markerFile(dir), `${JSON.stringify(marks)}\n`, { mode: 0o600 });
    else unlinkSync(markerFile(dir));
  } catch {
    // status and the walk still warn, from the log
  }
}
