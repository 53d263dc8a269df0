// A plain team runbook walked in a real terminal: each command offered in
// place with the text before it, a placeholder asked (the alert's label
// offered) and filled in as exactly one argument, a failure taken back to the
// step (where it stays, at the failed command), a command edited before it
// runs (both texts in the log), a
// state-changing one confirmed by typing its verb, and nothing from a
// transcript's expected output ever run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, readEvents } from '../../helpers/cli.js';
import { ofType, openWalk, walkSandbox } from '../../helpers/walk.js';

const HOSTILE = "worker 1; touch pwned-by-value '$(touch pwned-by-subshell)'";

describe('a plain-Markdown runbook in a terminal', () => {
  it('asks placeholders, edits, goes back after a failure, and never runs expected output', async () => {
    const box = walkSandbox();
    const t = openWalk(box, [
      'start',
      'plain-walk',
      '--title',
      'Queue worker stuck',
      '--sev',
      'SEV3',
      '--impact',
      'jobs wait',
      '--started-at',
      '1m ago',
      '--label',
      'worker_name=worker-1',
    ]);

    // Step 1, command 1: the text before it, the command, its expected output (never run).
    await t.step(1, 2);
    await t.waitFor("Print the worker's name:");
    await t.waitFor('Command 1 of 2');
    await t.waitFor('expected output (shown, never run):');
    await t.waitFor('│ touch ran-from-expected-output.txt');
    await t.pick('Run it');
    // The alert's label is offered; a value with shell syntax in it is typed instead.
    await t.waitFor('Value for <worker-name>: (worker-1)');
    t.answer(HOSTILE);
    await t.reply('Run this command now?', 'y');
    await t.waitFor(`worker=${HOSTILE}`);
    await t.waitFor('✓ exit 0');

    // Command 2 fails; "Back to this step" returns to it (where the walk stopped), its failure said.
    await t.waitFor('Then read the queue state');
    await t.waitFor('Command 2 of 2');
    await t.pick('Run it');
    await t.waitFor('✗ failed: exit 1');
    await t.move('Retry', [KEY_DOWN], 'Back to this step (this command stays next)');
    await t.waitFor('Command 2 of 2 · ran before: failed (exit 1)');
    await t.move('Run it', [KEY_DOWN, KEY_DOWN], 'Skip this command');
    await t.waitFor('All 2 commands were dealt with');
    await t.pick('Done with this step');

    // Step 2: edit the command (its value asked first), confirm by typing its verb.
    await t.step(2, 2);
    await t.waitFor('changes state: you type "rm" to run it');
    await t.move(
      'Run it (give its value first, then you type to confirm)',
      [KEY_DOWN],
      'Edit it, then run',
    );
    await t.reply('Value for <lock-file>:', 'a b.lock');
    await t.waitFor("Edit the command (Enter runs it): rm -f 'a b.lock'");
    t.answer(' && echo edited > edited.txt');
    await t.reply('Confirm: type "rm" or yes to run the command above', 'rm');
    await t.waitFor('✓ exit 0');
    await t.pick('Done with this step');
    await t.waitFor('That was the last step');
    expect(await t.exit).toBe(0);

    // Nothing but the commands ran: no file from the expected output, none from the value.
    for (const file of ['ran-from-expected-output.txt', 'pwned-by-value', 'pwned-by-subshell']) {
      expect(existsSync(join(box.cwd, file)), file).toBe(false);
    }
    expect(readFileSync(join(box.cwd, 'edited.txt'), 'utf8')).toBe('edited\n');

    const events = readEvents(box);
    const started = ofType(events, 'command.started');
    // The value is exactly one argument of the command, no shell involved.
    expect(started[0]).toMatchObject({
      argv: ['node', '-e', "console.log('worker=' + process.argv[1])", HOSTILE],
    });
    expect(started[0]).not.toHaveProperty('shell');
    expect(started[1]).toMatchObject({ argv: ['cat', 'queue-state.txt'] });
    expect(ofType(events, 'command.finished').map((e) => e.exitCode)).toEqual([0, 1, 0]);
    expect(ofType(events, 'step.answered').map((e) => [e.variable, e.value])).toEqual([
      ['worker-name', HOSTILE],
      ['lock-file', 'a b.lock'],
    ]);
    expect(ofType(events, 'incident.opened')[0]).toMatchObject({
      labels: { worker_name: 'worker-1' },
    });
    const edited = ofType(events, 'command.edited');
    expect(edited).toEqual([
      expect.objectContaining({
        stepId: 'clear-the-lock',
        original: "rm -f 'a b.lock'",
        edited: "rm -f 'a b.lock' && echo edited > edited.txt",
      }),
    ]);
    expect(started[2]).toMatchObject({
      shell: 'sh',
      argv: ["rm -f 'a b.lock' && echo edited > edited.txt"],
    });
    expect(ofType(events, 'step.completed').map((e) => e.stepId)).toEqual([
      'look-at-the-worker',
      'clear-the-lock',
    ]);

    // The timeline tells the edit, with both texts.
    const timeline = oncall(box, ['timeline']);
    expect(timeline.stdout).toContain(
      "edited `rm -f 'a b.lock'` to `rm -f 'a b.lock' && echo edited > edited.txt` before running it",
    );
  });
});

const KEY_DOWN = '\x1b[B';
