// A check that fails as expected ("503 confirms the alert") is marked done
// with the reason: recorded as a finding tied to its run and the step as done,
// so a handoff does not list it as unresolved.
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../helpers/context.js';
import { oncall } from '../../../helpers/in-process.js';
import { walk, walkedBox } from '../../../helpers/walked.js';

describe('"Done (the failure is the finding)"', () => {
  it('records the finding with its run, goes on, and the handoff has no loose end', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'The command failed. Now?', answer: 'finding' },
      { ask: 'What does the failure show? (one line)', answer: '503 confirms the alert' },
      // On to the next command of the section.
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'expected-failure');
    expect(result.code, result.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(result.stdout).toContain('Recorded as a finding; on to the next command.');
    const events = eventsOf(box);
    const run = events.find((e) => e.type === 'command.finished');
    expect(run).toMatchObject({ exitCode: 22 });
    expect(events.filter((e) => e.type === 'note')).toEqual([
      expect.objectContaining({
        kind: 'finding',
        text: '`curl -sf http://demo.internal/health` failed as expected (exit 22): 503 confirms the alert',
        runId: run?.runId,
      }),
    ]);
    expect(events.filter((e) => e.type === 'step.completed').map((e) => e.stepId)).toEqual([
      'confirm-the-alert',
    ]);
    expect(events.some((e) => e.type === 'step.skipped')).toBe(false);

    const handoff = await oncall(box, ['handoff', '--to', 'bob', '--no-send']);
    expect(handoff.code, handoff.stderr).toBe(0);
    const unresolved = handoff.stdout.split('## Still unresolved')[1]?.split('##')[0] ?? '';
    expect(unresolved).not.toContain('curl');
    expect(handoff.stdout).toContain('503 confirms the alert');
  });
});

describe('"Done (the failure is the finding)" on a check step', () => {
  it('completes the step (done, not skipped) with the reason', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'do' },
      { ask: 'The command failed. Now?', answer: 'finding' },
      { ask: 'What does the failure show? (one line)', answer: '503 confirms the alert' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'check-finding');
    expect(result.code, result.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(result.stdout).toContain('Done: the failure is recorded as the finding.');
    expect(result.stdout).toContain('2 done, 0 skipped');
    const completed = eventsOf(box).filter((e) => e.type === 'step.completed');
    expect(completed[0]).toMatchObject({
      stepId: 'health',
      note: 'the failure is the finding: 503 confirms the alert',
    });
  });
});
