// Where a walk stands inside a step of several commands, from the log alone.
import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import { isDealtWith, StepCommands } from '../../../../src/domain/walk/commands.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

const now = new Date('2026-03-12T02:10:00.000Z');
const event = (input: EventInput): OncallEvent =>
  makeEvent(input, { incident: 'i', actor: 'alice@host', now });

function ran(runId: string, command: number, exitCode: number, stepId = 'look'): OncallEvent[] {
  return [
    event({ type: 'command.started', runId, argv: ['x'], cwd: '/', stepId, command }),
    event({ type: 'command.finished', runId, exitCode, durationMs: 1, outputTail: '', stepId }),
  ];
}

function marks(events: OncallEvent[], stepId = 'look') {
  const commands = new StepCommands();
  for (const e of events) commands.add(e);
  return Object.fromEntries(
    [...(commands.marks.get(stepId) ?? [])].map(([i, m]) => [i, [m.outcome, isDealtWith(m)]]),
  );
}

describe('StepCommands', () => {
  it('marks each command by its latest outcome: ran, failed (not dealt with), skipped, a finding', () => {
    const events = [
      ...ran('r1', 1, 0),
      ...ran('r2', 2, 22),
      event({ type: 'note', kind: 'finding', text: '503 is the finding', runId: 'r2' }),
      event({ type: 'command.skipped', stepId: 'look', command: 3 }),
      ...ran('r4', 4, 1),
    ];
    expect(marks(events)).toEqual({
      0: ['ran', true],
      1: ['finding', true],
      2: ['skipped', true],
      3: ['failed', false],
    });
  });

  it('a run again that fails puts the walk back at that command', () => {
    expect(marks([...ran('r1', 1, 0), ...ran('r2', 1, 2)])).toEqual({ 0: ['failed', false] });
  });

  it('a step done or skipped closes its pass; commands without a number (check steps) are not marked', () => {
    const events = [
      ...ran('r1', 1, 0),
      event({ type: 'step.completed', stepId: 'look' }),
      event({ type: 'command.started', runId: 'r9', argv: ['x'], cwd: '/', stepId: 'look' }),
    ];
    expect(marks(events)).toEqual({});
  });
});
