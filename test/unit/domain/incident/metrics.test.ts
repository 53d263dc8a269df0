import { describe, expect, it } from 'vitest';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { computeMetrics } from '../../../../src/domain/incident/metrics.js';
import { event as ev } from '../../../helpers/events.js';

const T = (hhmm: string, day = '22') => `2026-11-${day}T${hhmm}:00.000Z`;
const opened = (fields: Record<string, unknown> = {}) =>
  ev('incident.opened', T('02:10'), { title: 'API down', severity: 'SEV2', ...fields });

describe('computeMetrics', () => {
  it('measures acknowledge, mitigate and resolve from the start, and time per severity', () => {
    const state = foldIncident([
      opened({ startedAt: T('02:00'), detectedAt: T('02:04') }),
      ev('severity.changed', T('02:20'), { from: 'SEV2', to: 'SEV1' }),
      ev('incident.mitigated', T('02:50')),
      ev('severity.changed', T('03:00'), { from: 'SEV1', to: 'SEV3' }),
      ev('incident.resolved', T('03:30')),
    ]);
    const m = computeMetrics(state, new Date(T('09:00')));
    expect(m.timeToDetectMs).toBe(4 * 60_000);
    expect(m.timeToAcknowledgeMs).toBe(6 * 60_000); // detected 02:04 → acknowledged 02:10
    expect(m.timeToMitigateMs).toBe(50 * 60_000);
    expect(m.timeToResolveMs).toBe(90 * 60_000);
    expect(m.durationMs).toBe(90 * 60_000);
    expect(m.timeInSeverity).toEqual([
      { severity: 'SEV1', ms: 40 * 60_000 },
      { severity: 'SEV2', ms: 20 * 60_000 },
      { severity: 'SEV3', ms: 30 * 60_000 },
    ]);
    expect(m.missing).toEqual([]);
  });

  it('counts time to acknowledge from when the alert fired, and the start from no later than that', () => {
    const state = foldIncident([
      opened({ alertedAt: T('01:55') }),
      ev('incident.resolved', T('02:40')),
    ]);
    expect(state.startedAt).toBe(T('01:55'));
    expect(state.detectedAt).toBe(T('01:55'));
    const m = computeMetrics(state, new Date(T('09:00')));
    expect(m.timeToAcknowledgeMs).toBe(15 * 60_000);
    expect(m.timeToDetectMs).toBe(0);
    expect(m.durationMs).toBe(45 * 60_000);
    expect(m.missing).not.toContain(
      'no detection time recorded (time to acknowledge counts from the start)',
    );
    // Noticed by someone before the page went out: detection is theirs, acknowledging answers the page.
    const noticed = foldIncident([
      opened({ startedAt: T('01:40'), detectedAt: T('01:50'), alertedAt: T('02:00') }),
    ]);
    const n = computeMetrics(noticed, new Date(T('02:30')));
    expect(n.timeToDetectMs).toBe(10 * 60_000);
    expect(n.timeToAcknowledgeMs).toBe(10 * 60_000);
  });

  it('uses when a backfilled milestone happened, not when it was typed', () => {
    // Mitigated at 02:30, written down at 03:15 with `--at`; a later line in the log.
    const state = foldIncident([
      opened({ startedAt: T('02:00') }),
      ev('note', T('03:10'), { kind: 'note', text: 'catching up on the log' }),
      ev('incident.mitigated', T('02:30'), { recordedAt: T('03:15') }),
      ev('severity.changed', T('02:25'), { from: 'SEV2', to: 'SEV1', recordedAt: T('03:16') }),
      ev('incident.resolved', T('03:20')),
    ]);
    const m = computeMetrics(state, new Date(T('04:00')));
    expect(state.mitigatedAt).toBe(T('02:30'));
    expect(m.timeToMitigateMs).toBe(30 * 60_000);
    expect(m.timeInSeverity).toEqual([
      { severity: 'SEV1', ms: 55 * 60_000 },
      { severity: 'SEV2', ms: 25 * 60_000 },
    ]);
  });

  it('never lets a backfilled time before the start count negative', () => {
    const state = foldIncident([
      opened({ startedAt: T('02:00') }),
      ev('severity.changed', T('01:50'), { from: 'SEV2', to: 'SEV1', recordedAt: T('02:15') }),
      ev('incident.resolved', T('02:40')),
    ]);
    const m = computeMetrics(state, new Date(T('04:00')));
    const total = m.timeInSeverity.reduce((sum, s) => sum + s.ms, 0);
    expect(total).toBe(40 * 60_000);
    expect(m.timeInSeverity.every((s) => s.ms >= 0)).toBe(true);
  });

  it('an incident never mitigated: no time to mitigate, flagged, durations run to now', () => {
    const state = foldIncident([
      opened(),
      ev('note', T('02:30'), { kind: 'finding', text: 'still down' }),
    ]);
    const m = computeMetrics(state, new Date(T('03:10')));
    expect(m.timeToMitigateMs).toBeUndefined();
    expect(m.timeToResolveMs).toBeUndefined();
    expect(m.durationMs).toBe(60 * 60_000);
    expect(m.timeInSeverity).toEqual([{ severity: 'SEV2', ms: 60 * 60_000 }]);
    expect(m.missing).toContain('no mitigation time recorded');
    expect(m.missing.some((s) => s.startsWith('no detection time'))).toBe(true);
    expect(m.missing.some((s) => s.startsWith('not resolved'))).toBe(true);
  });

  it('resolved without a mitigation milestone says so', () => {
    const state = foldIncident([opened(), ev('incident.resolved', T('02:40'))]);
    const m = computeMetrics(state, new Date(T('05:00')));
    expect(m.timeToMitigateMs).toBeUndefined();
    expect(m.timeToResolveMs).toBe(30 * 60_000);
    expect(m.missing).toContain('no mitigation time recorded (resolved without `oncall mitigate`)');
  });

  it('counts acknowledgement from the start when detection is unknown', () => {
    const state = foldIncident([opened({ startedAt: T('01:55') })]);
    expect(computeMetrics(state, new Date(T('02:30'))).timeToAcknowledgeMs).toBe(15 * 60_000);
  });
});
