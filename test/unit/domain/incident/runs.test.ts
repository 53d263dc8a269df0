import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { commandItems, waitFailed } from '../../../../src/domain/incident/runs.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

let clock = Date.parse('2026-11-22T02:00:00.000Z');
function ev(input: EventInput, secondsLater = 10): OncallEvent {
  clock += secondsLater * 1000;
  return makeEvent(input, { incident: 'inc-1', actor: 'alice@laptop', now: new Date(clock) });
}

/** One poll of the health check: started and finished with `exitCode`. */
function poll(n: number, exitCode: number): OncallEvent[] {
  const runId = `p${clock}`;
  const argv = ['curl', '-f', 'http://web/health'];
  return [
    ev({ type: 'command.started', runId, argv, cwd: '/', stepId: 'wait-health', poll: n }),
    ev({ type: 'command.finished', runId, exitCode, durationMs: 5, outputTail: '503' }, 1),
  ];
}

describe('a wait step folded', () => {
  it('is one item however many polls it ran, with the last result and how it ended', () => {
    const events = [
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'command.started', runId: 'r1', argv: ['kubectl', 'rollout', 'undo'], cwd: '/' }),
      ev({ type: 'command.finished', runId: 'r1', exitCode: 0, durationMs: 9, outputTail: '' }),
      ...[1, 2, 3, 4, 5, 6, 7].flatMap((n) => poll(n, 22)),
      ev({
        type: 'step.waited',
        stepId: 'wait-health',
        outcome: 'timed-out',
        waitedMs: 70_000,
        polls: 7,
      }),
      ...[1, 2].flatMap((n) => poll(n, n === 2 ? 0 : 22)),
      ev({
        type: 'step.waited',
        stepId: 'wait-health',
        outcome: 'passed',
        waitedMs: 20_000,
        polls: 2,
      }),
    ];
    const state = foldIncident(events);
    expect(state.commands).toHaveLength(10);
    const { commands, waits } = commandItems(state);
    expect(commands.map((c) => c.argv[0])).toEqual(['kubectl']);
    expect(waits.map((w) => [w.attempts, w.outcome, w.last.exitCode])).toEqual([
      [7, 'timed-out', 22],
      [2, 'passed', 0],
    ]);
    expect(waits.map(waitFailed)).toEqual([true, false]);
  });

  it('still polling: counted as it goes, no outcome yet', () => {
    const state = foldIncident([
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ...[1, 2, 3].flatMap((n) => poll(n, 22)),
    ]);
    expect(state.waits.map((w) => [w.attempts, w.outcome])).toEqual([[3, undefined]]);
  });
});
