// One shell per walk: what a command exports, sets or `cd`s into is there for
// the walk's later commands, as in the responder's own terminal; a line that
// fails stops the rest of its block, the screen says which, the log keeps it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../helpers/context.js';
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
      { ask: /^Type "mkdir"/, answer: 'mkdir' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: /^Type yes/, answer: 'yes' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'carried');
    expect(result.code, result.stdout).toBe(0);
    // Nothing was asked for $NS or $POD: earlier commands of the walk set them.
    expect(box.prompter.unanswered).toEqual([]);
    const seen = join(box.dir, 'work', 'demo-ns', 'seen.txt');
    expect(readFileSync(seen, 'utf8')).toBe('demo-ns/pod-1\n');
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
      { ask: /^Type "touch"/, answer: 'touch' },
      { ask: 'The command failed. Now?', answer: 'back' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: /^Type "touch"/, answer: 'touch' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'Run this command now?', answer: true },
      { ask: 'Next?', answer: 'cmd:2' },
      { ask: /^Type "touch"/, answer: 'touch' },
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
  });
});
