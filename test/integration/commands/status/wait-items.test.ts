// A wait step that polled a failing health check nine times is one item: one
// command in status's count, one unresolved line in the handoff, one failure
// in the escalation; the timeline still tells every check (the full log).
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../../src/domain/incident/events.js';
import { appendEvents, makeEvent } from '../../../../src/infra/store/log.js';
import {
  type Box,
  logPath,
  oncall,
  onlyIncidentId,
  wordsIncident,
} from '../../../helpers/in-process.js';

/** Appends what a walk at a terminal records (the walk itself needs a TTY). */
function walked(box: Box, inputs: EventInput[]): void {
  const events = inputs.map((input) =>
    makeEvent(input, { incident: onlyIncidentId(box), actor: 'alice@host', now: box.now() }),
  );
  appendEvents(logPath(box), events);
}

const HEALTH = ['curl', '-fsS', 'https://web.example/health'];

/** A rollback that worked, then a wait whose nine checks all failed. */
function night(box: Box): void {
  const polls = Array.from({ length: 9 }, (_, i): EventInput[] => [
    {
      type: 'command.started',
      runId: `p${i}`,
      argv: HEALTH,
      cwd: '/',
      stepId: 'healthy',
      poll: i + 1,
    },
    {
      type: 'command.finished',
      runId: `p${i}`,
      exitCode: 22,
      durationMs: 40,
      outputTail: 'curl: (22) The requested URL returned error: 503',
      stepId: 'healthy',
    },
  ]).flat();
  walked(box, [
    {
      type: 'command.started',
      runId: 'r1',
      argv: ['kubectl', 'rollout', 'undo', 'deploy/web'],
      cwd: '/',
    },
    { type: 'command.finished', runId: 'r1', exitCode: 0, durationMs: 900, outputTail: '' },
    ...polls,
    { type: 'step.waited', stepId: 'healthy', outcome: 'timed-out', waitedMs: 90_000, polls: 9 },
  ]);
}

describe('a wait step that polled', () => {
  it('is one item in status, the handoff and the escalation; the timeline keeps every check', async () => {
    const box = await wordsIncident();
    night(box);
    expect((await oncall(box, ['status'])).stdout).toContain('Commands: 2 run, 1 failed; notes: 0');

    const handoff = (await oncall(box, ['handoff', '--to', 'bob', '--no-send'])).stdout;
    const waitLines = handoff.split('\n').filter((l) => l.includes('health'));
    // The handoff's texts collapse a wait's checks into one line with their count (render/runs).
    expect(waitLines).toEqual([
      '- `curl -fsS https://web.example/health` failed ×9 (exit 22), last 02:10, not retried successfully',
    ]);

    const escalation = (
      await oncall(box, [
        'escalate',
        '--to',
        'carol',
        '--ask',
        'Is web healthy?',
        '--no-send',
        '--long',
      ])
    ).stdout;
    // Changed: the rollback; did not work: the wait, once.
    expect(escalation.match(/curl -fsS/g)).toHaveLength(1);
    expect(escalation).toContain(
      '`curl -fsS https://web.example/health` failed ×9 (exit 22), last 02:10',
    );

    const timeline = (await oncall(box, ['timeline'])).stdout;
    expect(timeline.match(/ran `curl -fsS/g)).toHaveLength(9);
  });
});
