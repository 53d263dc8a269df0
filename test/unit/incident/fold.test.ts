import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../src/incident/events.js';
import { EmptyIncidentError, foldIncident } from '../../../src/incident/fold.js';
import { makeEvent } from '../../../src/store/log.js';

let clock = Date.parse('2026-11-22T02:00:00.000Z');
function ev(input: EventInput, actor = 'alice@laptop', minutesLater = 1): OncallEvent {
  clock += minutesLater * 60_000;
  return makeEvent(input, { incident: 'inc-1', actor, now: new Date(clock) });
}
const at = (iso: string) => ({ ts: iso });

describe('foldIncident', () => {
  it('derives severity history, peak, milestones, commander and responders', () => {
    clock = Date.parse('2026-11-22T02:00:00.000Z');
    const events = [
      ev({
        type: 'incident.opened',
        title: 'Checkout down',
        severity: 'SEV3',
        startedAt: '2026-11-22T01:50:00.000Z',
      }),
      ev({ type: 'severity.changed', from: 'SEV3', to: 'SEV1', reason: 'all regions' }),
      ev({ type: 'note', kind: 'action', text: 'rolled back' }, 'bob@desk'),
      ev({ type: 'severity.changed', from: 'SEV1', to: 'SEV2' }),
      ev({ type: 'incident.mitigated' }),
      ev({ type: 'handoff', from: 'alice@laptop', to: 'carol' }),
      ev({ type: 'incident.resolved', summary: 'fixed' }, 'carol@home'),
    ];
    const s = foldIncident(events);
    expect(s.title).toBe('Checkout down');
    expect(s.severity).toBe('SEV2');
    expect(s.peakSeverity).toBe('SEV1');
    expect(s.severityHistory.map((p) => [p.severity, p.from, p.to])).toEqual([
      ['SEV3', '2026-11-22T01:50:00.000Z', '2026-11-22T02:02:00.000Z'],
      ['SEV1', '2026-11-22T02:02:00.000Z', '2026-11-22T02:04:00.000Z'],
      ['SEV2', '2026-11-22T02:04:00.000Z', undefined],
    ]);
    expect(s.startedAt).toBe('2026-11-22T01:50:00.000Z');
    expect(s.acknowledgedAt).toBe('2026-11-22T02:01:00.000Z');
    expect(s.mitigatedAt).toBe('2026-11-22T02:05:00.000Z');
    expect(s.resolvedAt).toBe('2026-11-22T02:07:00.000Z');
    expect(s.status).toBe('resolved');
    expect(s.commander).toBe('carol');
    expect(s.responders).toEqual(['alice@laptop', 'bob@desk', 'carol', 'carol@home']);
    expect(s.nextUpdateDue).toBeNull();
  });

  it('folds backfilled events where they happened, not where they were written', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const events = [
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'incident.mitigated', ...at('2026-11-22T03:20:00.000Z') }, 'a', 30),
      ev({ type: 'note', kind: 'note', text: 'earlier', ...at('2026-11-22T03:10:00.000Z') }),
    ];
    expect(events[1]?.recordedAt).toBe('2026-11-22T03:31:00.000Z');
    const s = foldIncident(events);
    expect(s.mitigatedAt).toBe('2026-11-22T03:20:00.000Z');
    expect(s.notes.map((n) => n.text)).toEqual(['earlier']);
    expect(s.lastEventAt).toBe('2026-11-22T03:20:00.000Z');
  });

  it('keeps hypotheses open until ruled out, even when the ruling-out is backfilled before it', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'Bad deploy' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'DNS' }),
      ev({ type: 'note', kind: 'ruled-out', text: 'dns ', ...at('2026-11-22T03:01:30.000Z') }),
    ]);
    expect(s.openHypotheses.map((h) => h.text)).toEqual(['Bad deploy']);
    expect(s.ruledOut.map((h) => h.text)).toEqual(['dns ']);
  });

  it('pairs command starts with their ends, leaving an interrupted one open', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'command.started', runId: 'r1', argv: ['ls'], cwd: '/' }),
      ev({ type: 'command.finished', runId: 'r1', exitCode: 2, durationMs: 10, outputTail: 'no' }),
      ev({ type: 'command.started', runId: 'r2', argv: ['deploy'], cwd: '/' }),
    ]);
    expect(s.commands[0]).toMatchObject({ runId: 'r1', exitCode: 2, outputTail: 'no' });
    expect(s.commands[1]?.runId).toBe('r2');
    expect(s.commands[1]?.finishedAt).toBeUndefined();
    expect(s.commands[1]?.exitCode).toBeUndefined();
  });

  it('tracks the promised next update from the events that set it', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({
        type: 'incident.opened',
        title: 't',
        severity: 'SEV2',
        nextUpdateDue: '2026-11-22T03:31:00.000Z',
      }),
      ev({ type: 'update.sent', text: 'investigating', nextUpdateDue: '2026-11-22T03:32:00.000Z' }),
    ]);
    expect(s.lastUpdateAt).toBe('2026-11-22T03:02:00.000Z');
    expect(s.nextUpdateDue).toBe('2026-11-22T03:32:00.000Z');
  });

  it('refuses a log with no incident.opened', () => {
    expect(() => foldIncident([])).toThrow(EmptyIncidentError);
  });
});
