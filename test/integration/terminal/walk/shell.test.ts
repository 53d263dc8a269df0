// One shell per walk: what a command exports, sets or `cd`s into is there for
// the walk's later commands, as in the responder's own terminal; a line that
// fails stops the rest of its block, the screen says which, the log keeps it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../helpers/context.js';
import { oncall } from '../../../helpers/in-process.js';
import { ScriptedPrompter } from '../../../helpers/prompter.js';
import { walk, walkedBox } from '../../../helpers/walked.js';

const byType = (events: Record<string, unknown>[], type: string) =>
  events.filter((e) => e.type === type);

describe("the walk's shell", () => {
  it('carries exports, plain assignments and the directory from one command to the next', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: /^Confirm: type "mkdir"/, answer: 'mkdir' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: /^Confirm: type yes/, answer: 'yes' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'carried');
    expect(result.code, result.stdout).toBe(0);
    // Nothing was asked for $NS or $POD: earlier commands of the walk set them.
    expect(box.prompter.unanswered).toEqual([]);
    const seen = join(box.dir, 'work', 'demo-ns', 'seen.txt');
    expect(readFileSync(seen, 'utf8')).toBe('demo-ns/pod-1\n');
    // The responder sees what was kept for the next commands.
    expect(result.stdout).toContain('  For the next commands: NS set.');
    expect(result.stdout).toContain(
      `  For the next commands: now in ${join(box.dir, 'work', 'demo-ns')}.`,
    );
    const finished = byType(eventsOf(box), 'command.finished');
    expect(finished.map((e) => [e.exitCode, e.variables, e.cwdAfter])).toEqual([
      [0, { NS: 'demo-ns' }, undefined],
      [0, undefined, undefined],
      [0, { POD: 'pod-1' }, undefined],
      [0, undefined, join(box.dir, 'work', 'demo-ns')],
      [0, undefined, undefined],
    ]);
  });

  it('a failed line stops its block: the screen and the log say which; `set +e` and `|| true` go on', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: /^Confirm: type "touch"/, answer: 'touch' },
      { ask: 'The command failed. Now?', answer: 'back' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: /^Confirm: type "touch"/, answer: 'touch' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'Run this command now?', answer: true },
      { ask: 'Next?', answer: 'cmd:2' },
      { ask: /^Confirm: type "touch"/, answer: 'touch' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'failing-line');
    expect(result.code, result.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(result.stdout).toContain(
      '  line 1 failed: cd build-folder-that-is-not-there; the lines after it did not run.',
    );
    expect(existsSync(join(box.dir, 'ran-in-the-wrong-folder'))).toBe(false);
    expect(existsSync(join(box.dir, 'went-on-after-set-e'))).toBe(true);
    expect(existsSync(join(box.dir, 'went-on-after-or-true'))).toBe(true);
    const finished = byType(eventsOf(box), 'command.finished');
    expect(finished[0]).toMatchObject({ exitCode: 2, failedLine: 1 });
    expect(finished.slice(1).map((e) => [e.exitCode, e.failedLine])).toEqual([
      [0, undefined],
      [0, undefined],
      [0, undefined],
    ]);
    const timeline = await oncall(box, ['timeline']);
    expect(timeline.stdout).toContain('→ failed, exit 2 at line 1');
  });
});

describe("the walk's shell across a resume", () => {
  it('starts from what the log says the earlier commands left', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'quit' },
    ]);
    expect((await walk(box, 'carried')).code).toBe(0);
    box.prompter = new ScriptedPrompter([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: /^Confirm: type "mkdir"/, answer: 'mkdir' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: /^Confirm: type yes/, answer: 'yes' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const resumed = await oncall(box, ['resume']);
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    const seen = join(box.dir, 'work', 'demo-ns', 'seen.txt');
    expect(readFileSync(seen, 'utf8')).toBe('demo-ns/pod-1\n');
  });

  it('keeps a secret a command set out of the log: used this session, asked again after a resume', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Next?', answer: 'quit' },
    ]);
    expect((await walk(box, 'carried-secret')).code).toBe(0);
    const log = JSON.stringify(eventsOf(box));
    expect(log).not.toContain('tok-8c1f4e2a9d3b');
    const finished = byType(eventsOf(box), 'command.finished');
    expect(finished.map((e) => [e.withheld, e.outputTail])).toEqual([
      [['API_TOKEN'], ''],
      [undefined, 'token set'],
    ]);

    // The step's command ran before the pause: run it again.
    box.prompter = new ScriptedPrompter([
      { ask: 'Next?', answer: 'pick' },
      { ask: 'Which command?', answer: '0' },
      {
        ask: 'Value for $API_TOKEN (not set here; step 1 "Log in" sets it):',
        answer: 'tok-typed-again',
      },
      { ask: 'Next?', answer: 'do' },
    ]);
    const resumed = await oncall(box, ['resume']);
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(box.prompter.asked.find((q) => q.message.startsWith('Value for'))?.kind).toBe('secret');
  });
});
