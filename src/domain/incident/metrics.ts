// The numbers a postmortem reports, computed from the folded incident. Pure: the
// clock is passed in. Because the fold orders events by `ts` (when it happened),
// a backfilled milestone (`--at`) counts from when it happened, not when typed.
import type { Severity } from './events.js';
import type { IncidentState } from './fold.js';

interface SeverityTime {
  severity: Severity;
  ms: number;
}

/** Durations only: the milestones they are measured between stay in the folded state. */
interface Metrics {
  /** The alert firing (else detection, else the start) to acknowledgement. */
  timeToAcknowledgeMs: number;
  /** Start to detection (the alert, when nothing else said), when known. */
  timeToDetectMs?: number;
  /** Start to mitigation; undefined when never mitigated. */
  timeToMitigateMs?: number;
  /** Start to resolution; undefined while open. */
  timeToResolveMs?: number;
  /** Start to resolution, or to `now` while open. */
  durationMs: number;
  /** Time spent at each severity, most severe first; levels never held are left out. */
  timeInSeverity: SeverityTime[];
  /** Facts the log does not have, worded for the draft. */
  missing: string[];
}

const span = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from));

export function computeMetrics(state: IncidentState, now: Date): Metrics {
  const end = state.resolvedAt ?? now.toISOString();
  const missing: string[] = [];
  // The page went out when the alert fired: that is what acknowledging answers.
  const ackFrom = state.alertedAt ?? state.detectedAt ?? state.startedAt;
  if (!state.detectedAt)
    missing.push('no detection time recorded (time to acknowledge counts from the start)');
  if (!state.mitigatedAt) {
    missing.push(
      state.resolvedAt
        ? 'no mitigation time recorded (resolved without `oncall mitigate`)'
        : 'no mitigation time recorded',
    );
  }
  if (!state.resolvedAt) missing.push('not resolved yet (durations run to now)');

  const totals = new Map<Severity, number>();
  for (const period of state.severityHistory) {
    // Periods are clipped to [start, end]: a severity change backfilled before the
    // start, or recorded after the resolution, adds no time.
    const from = Math.max(Date.parse(period.from), Date.parse(state.startedAt));
    const to = Math.min(Date.parse(period.to ?? end), Date.parse(end));
    totals.set(period.severity, (totals.get(period.severity) ?? 0) + Math.max(0, to - from));
  }
  const timeInSeverity = [...totals.entries()]
    .filter(([, ms]) => ms > 0)
    // Code-unit order (SEV1 < SEV2): localeCompare's first call starts ICU's collator (~9 ms).
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([severity, ms]) => ({ severity, ms }));

  return {
    timeToAcknowledgeMs: span(ackFrom, state.acknowledgedAt),
    timeToDetectMs: state.detectedAt ? span(state.startedAt, state.detectedAt) : undefined,
    timeToMitigateMs: state.mitigatedAt ? span(state.startedAt, state.mitigatedAt) : undefined,
    timeToResolveMs: state.resolvedAt ? span(state.startedAt, state.resolvedAt) : undefined,
    durationMs: span(state.startedAt, end),
    timeInSeverity,
    missing,
  };
}
