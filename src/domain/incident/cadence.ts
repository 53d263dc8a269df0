// Status-update cadence: severity (how bad) sets how often stakeholders hear from us.
import type { Severity } from './events.js';
import { formatDuration } from './time.js';

type Cadence = Record<Severity, { updateEveryMinutes: number | null }>;

/** When the next update is due after `from`, or null when this severity has no cadence. */
export function nextUpdateDue(cadence: Cadence, severity: Severity, from: Date): string | null {
  const minutes = cadence[severity].updateEveryMinutes;
  if (minutes === null) return null;
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}

/** One line when an update is overdue, else undefined. */
export function overdueLine(due: string | null | undefined, now: Date): string | undefined {
  if (!due) return undefined;
  const late = now.getTime() - new Date(due).getTime();
  if (late <= 0) return undefined;
  return `status update overdue by ${formatDuration(late)}: send one with \`oncall update "<text>"\``;
}
