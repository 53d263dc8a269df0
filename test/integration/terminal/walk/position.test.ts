// Inside a step of several commands, the walk stands where the log says: a
// resume, or "Back to this step" after a failure, returns to the command where
// it stopped, not to the step's first command.
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../helpers/context.js';
import { oncall } from '../../../helpers/in-process.js';
import { ScriptedPrompter } from '../../../helpers/prompter.js';
import { walk, walkedBox } from '../../../helpers/walked.js';

describe('the command where the walk stopped', () => {
  it('a resume offers the command after the last one run or skipped', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'skipcmd:1' },
      { ask: 'Next?', answer: 'quit' },
    ]);
    expect((await walk(box, 'position')).code).toBe(0);
    expect(
      eventsOf(box)
        .filter((e) => e.type === 'command.skipped')
        .map((e) => [e.stepId, e.command]),
    ).toEqual([['check-the-worker', 2]]);
    const timeline = await oncall(box, ['timeline']);
    expect(timeline.stdout).toContain('step check-the-worker: command 2 not run (skipped)');

    box.prompter = new ScriptedPrompter([
      { ask: 'Next?', answer: 'cmd:2' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const resumed = await oncall(box, ['resume']);
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(resumed.stdout).toContain('  Command 3 of 3 · read-only: runs when you choose it');
    expect(resumed.stdout).not.toContain('Command 1 of 3');
  });

  it('"Back to this step" after a failure returns to the failed command, its failure said', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'The command failed. Now?', answer: 'back' },
      { ask: 'Next?', answer: 'skipcmd:1' },
      { ask: 'Next?', answer: 'cmd:2' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'position');
    expect(result.code, result.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(result.stdout).toContain(
      '  Command 2 of 3 · ran before: failed (exit 22) · read-only: runs when you choose it',
    );
  });
});
