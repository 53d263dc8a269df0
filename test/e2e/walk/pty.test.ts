// End to end through a real pseudo-terminal: the built bin, real prompts, real
// keys, real Ctrl-C. Each test asserts on the events the walk left in the log.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../helpers/cli.js';
import { KEY, waitUntil } from '../../helpers/pty.js';
import {
  type IncidentFacts,
  ofType,
  openWalk,
  startWalk,
  walkSandbox,
} from '../../helpers/walk.js';

const CHECKOUT_DOWN: IncidentFacts = {
  title: 'Checkout down',
  sev: 'SEV2',
  impact: 'x',
  startedAt: '1m ago',
};
const QUEUE_STUCK: IncidentFacts = {
  title: 'Queue stuck',
  service: 'queue',
  sev: 'SEV3',
  impact: 'slow',
  startedAt: '1m ago',
};
const EXPECT = 'What would you expect it to show?';

describe('oncall start <runbook> in a terminal', () => {
  it('walks: check, skip with a reason, answer, decision branch, Ctrl-C, resume, finish', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'walk-fixture', {
      ...CHECKOUT_DOWN,
      impact: 'all checkouts fail',
      startedAt: '5m ago',
    });
    await t.waitFor('Step 1 of 8 · SEV2 · 5m since start · next update due');
    await t.pick('Done');

    await t.step(2, 8, 'Run the check');
    await t.waitFor('health: 200 OK');

    await t.step(3, 8);
    await t.skip('Run the check', 'no access to the replicas');

    await t.step(4, 8, 'Answer');
    await t.reply('Last good version?', '4.1.0');

    await t.step(5, 8, '→ Roll back now');

    await t.step(6, 8);
    await t.waitFor('rolled-back-4.1.0.txt'); // the exact command, variable filled in
    await t.pick('Run it (asks first)');
    await t.reply('Run this command now?', 'y');
    await t.waitFor('✓ exit 0');

    // The run step's `next` skips the other branch.
    await t.step(8, 8);
    await t.interrupt('❯ Run the check');
    await t.paused(130);
    expect(readFileSync(join(box.cwd, 'rolled-back-4.1.0.txt'), 'utf8')).toBe('rolled back');

    // Someone edits the runbook meanwhile: resume goes by step id and says so.
    const file = join(box.cwd, 'runbooks', 'walk-fixture.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(
        '## Look at the error graph',
        '## Page the team\n<!-- step: page -->\n\nSay hello.\n\n## Look at the error graph',
      ),
    );

    const r = openWalk(box, ['resume']);
    await r.waitFor('changed since this incident started; continuing by step id at verify');
    await r.step(9, 9, 'Run the check');
    await r.waitFor('errors on checkout: 0.1%'); // {{service}} from the incident
    await r.waitFor('That was the last step');
    await r.waitFor('1 skipped');
    expect(await r.exit).toBe(0);

    const events = readEvents(box);
    const walk = events.filter(
      (e) => String(e.type).startsWith('step.') || String(e.type).startsWith('walk.'),
    );
    expect(walk.filter((e) => e.type !== 'step.started').map((e) => [e.type, e.stepId])).toEqual([
      ['step.completed', 'look'],
      ['step.completed', 'health'],
      ['step.skipped', 'replicas'],
      ['step.answered', 'version'],
      ['step.completed', 'version'],
      ['step.decided', 'choose'],
      ['step.completed', 'rollback'],
      ['walk.paused', 'verify'],
      ['walk.resumed', 'verify'],
      ['step.completed', 'verify'],
      ['walk.finished', undefined],
    ]);
    expect(ofType(events, 'runbook.attached')[0]).toMatchObject({
      runbook: { id: 'walk-fixture', file: file, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(ofType(events, 'step.skipped')[0]).toMatchObject({
      reason: 'no access to the replicas',
    });
    expect(ofType(events, 'step.answered')[0]).toMatchObject({
      variable: 'version',
      value: '4.1.0',
    });
    expect(ofType(events, 'step.decided')[0]).toMatchObject({
      choice: 'Roll back now',
      next: 'rollback',
    });
    expect(walk.some((e) => e.stepId === 'wait-out')).toBe(false);

    const started = ofType(events, 'command.started');
    const finished = ofType(events, 'command.finished');
    expect(started.map((e) => e.stepId)).toEqual(['health', 'rollback', 'verify']);
    expect(started[1]?.argv).toEqual([
      'node',
      '-e',
      "require('fs').writeFileSync(process.argv[1], 'rolled back')",
      'rolled-back-4.1.0.txt',
    ]);
    expect(finished.map((e) => [e.stepId, e.exitCode])).toEqual([
      ['health', 0],
      ['rollback', 0],
      ['verify', 0],
    ]);
    expect(finished[0]?.outputTail).toContain('health: 200 OK');
    for (const e of events) expect(e.drill).toBeUndefined();
  });

  it('Ctrl-C stops a running command only; a failing check is retried, then skipped', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'failing', QUEUE_STUCK);
    await t.step(1, 3, 'Run the check');
    await t.interrupt('Ctrl-C stops it');
    await t.waitFor('Stopped. The command was interrupted; back to the step.');
    await t.step(1, 3);
    await t.skip('Run the check', 'too slow to wait for');

    await t.step(2, 3, 'Run the check');
    await t.waitFor('✗ failed: exit 1');
    await t.waitFor('connection refused');
    await t.pick('Retry');
    await t.waitFor('✗ failed: exit 1');
    await t.skipFailed('still refused after a retry');

    await t.step(3, 3, 'Done');
    await t.waitFor('That was the last step');
    expect(await t.exit).toBe(0);

    const events = readEvents(box);
    const started = ofType(events, 'command.started');
    const finished = ofType(events, 'command.finished');
    expect(started.map((e) => e.stepId)).toEqual(['slow', 'broken', 'broken']);
    expect(finished[0]).toMatchObject({ stepId: 'slow', interrupted: true });
    expect(finished.slice(1).map((e) => [e.stepId, e.exitCode])).toEqual([
      ['broken', 1],
      ['broken', 1],
    ]);
    expect(finished[1]?.outputTail).toContain('connection refused');
    expect(ofType(events, 'step.skipped').map((e) => [e.stepId, e.reason])).toEqual([
      ['slow', 'too slow to wait for'],
      ['broken', 'still refused after a retry'],
    ]);
    expect(ofType(events, 'walk.finished')).toHaveLength(1);
  });

  it('Ctrl-C during a streaming run stops that command and returns to the menu', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'long-run', {
      title: 'Batch late',
      sev: 'SEV4',
      impact: 'x',
      startedAt: '1m ago',
    });
    await t.pick('Run it (asks first)');
    await t.reply('Run this command now?', 'y');
    await t.interrupt('batch started'); // streamed live
    await t.waitFor('Stopped. The command was interrupted; back to the step.');
    await t.quit('Run it (asks first)');

    const events = readEvents(box);
    expect(ofType(events, 'command.finished')).toEqual([
      expect.objectContaining({
        stepId: 'rerun-batch',
        interrupted: true,
        outputTail: 'batch started',
      }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'walk.paused', stepId: 'rerun-batch' });
    expect(ofType(events, 'step.completed')).toHaveLength(0);
  });

  it('after a crash mid-command, resume asks instead of running it again', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'failing', QUEUE_STUCK);
    await t.pick('Run the check');
    await t.waitFor('Ctrl-C stops it');
    await waitUntil('command.started is in the log', () =>
      readEvents(box).some((e) => e.type === 'command.started'),
    );
    // A crash: the whole process group dies at once, nothing gets to write an end.
    process.kill(-t.pid, 'SIGKILL');
    await t.exit;

    const r = openWalk(box, ['resume']);
    await r.step(1, 3);
    await r.waitFor('no end was recorded: it may have run, fully or partly');
    await r.move('Look first', [KEY.down, KEY.down], 'It ran: mark the step done');
    await r.step(2, 3);
    await r.interrupt('❯ Run the check');
    await r.paused(130);

    const events = readEvents(box);
    expect(ofType(events, 'command.started').map((e) => e.stepId)).toEqual(['slow']);
    expect(ofType(events, 'command.finished')).toHaveLength(0);
    expect(ofType(events, 'step.completed')[0]).toMatchObject({
      stepId: 'slow',
      note: expect.stringContaining('cut off'),
    });
    expect(ofType(events, 'walk.paused')[0]).toMatchObject({ stepId: 'broken' });
  });
});

describe('moving around a runbook in a terminal', () => {
  it('goes back, jumps ahead, adds a note and quits, all recorded', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'walk-fixture', CHECKOUT_DOWN);
    await t.step(1, 8, 'Done');
    await t.step(2, 8);
    // Skip, Add a note, Escalate, Go back
    await t.move('Run the check', [KEY.down, KEY.down, KEY.down, KEY.down], 'Go back');
    await t.step(1, 8);
    await t.waitFor('Look at the error graph (done before)');
    // Skip, Add a note, Escalate, Jump
    await t.move('Done', [KEY.down, KEY.down, KEY.down, KEY.down], 'Jump to a step');
    await t.waitFor('Jump to which step?');
    // The list wraps: up from the first step is the last one.
    await t.move('1. Look at the error graph ✓ ← here', [KEY.up], '8. Verify the fix');
    await t.step(8, 8);
    await t.move('Run the check', [KEY.down, KEY.down], 'Add a note');
    await t.reply('Note:', 'graph looks flat since 02:10');
    await t.waitFor('Noted.');
    await t.quit('Run the check');

    const events = readEvents(box);
    expect(ofType(events, 'walk.moved').map((e) => [e.from, e.to, e.reason])).toEqual([
      ['health', 'look', 'back'],
      ['look', 'verify', 'jump'],
    ]);
    expect(ofType(events, 'note')[0]).toMatchObject({
      kind: 'note',
      text: 'graph looks flat since 02:10',
    });
    expect(events.at(-1)).toMatchObject({ type: 'walk.paused', stepId: 'verify' });
    expect(ofType(events, 'command.started')).toHaveLength(0);
  });
});

describe('choosing the runbook in a terminal', () => {
  it('several runbooks match the service: pick one from a list, then walk it', async () => {
    const box = walkSandbox();
    const t = startWalk(box, undefined, {
      title: 'Maintenance',
      service: 'shared',
      sev: 'SEV4',
      impact: 'none',
      startedAt: '1m ago',
    });
    await t.waitFor('Several runbooks match. Which one?');
    await t.move(
      'A check that fails (test fixture) (failing)',
      [KEY.down],
      'Shared maintenance window (test fixture) (maintenance)',
    );
    await t.waitFor('Step 1 of 1 · SEV4');
    await t.pick('Done');
    await t.waitFor('That was the last step of Shared maintenance window');
    expect(await t.exit).toBe(0);
    const events = readEvents(box);
    expect(ofType(events, 'runbook.attached')[0]).toMatchObject({ runbook: { id: 'maintenance' } });
    expect(events.map((e) => e.type)).toEqual([
      'incident.opened',
      'runbook.attached',
      'step.started',
      'step.completed',
      'walk.finished',
    ]);
  });
});

describe('oncall drill <runbook> in a terminal', () => {
  it('reads commands aloud, executes nothing, marks every event drill, and sums up', async () => {
    const box = walkSandbox();
    const t = openWalk(box, ['drill', 'walk-fixture']);
    await t.waitFor('Nothing will be executed');
    await t.waitFor('DRILL · Step 1 of 8');
    await t.pick('Done');
    await t.step(2, 8, 'Read it aloud');
    await t.reply(EXPECT, 'a 200 from the health page');
    await t.step(3, 8);
    await t.skip('Read it aloud', 'replicas are fine in this scenario');
    await t.step(4, 8, 'Answer');
    await t.reply('Last good version?', '4.1.0');
    await t.step(5, 8, '→ Roll back now');
    await t.step(6, 8, 'Read it aloud');
    await t.reply(EXPECT, 'the rollout to finish');
    await t.step(8, 8, 'Read it aloud');
    await t.reply(EXPECT, 'errors back under 1%');
    await t.waitFor('Drill summary');
    await t.waitFor('decided at choose: Roll back now');
    expect(await t.exit).toBe(0);

    expect(existsSync(join(box.cwd, 'rolled-back-4.1.0.txt'))).toBe(false);
    const events = readEvents(box);
    expect(ofType(events, 'command.started')).toHaveLength(0);
    for (const e of events) expect(e.drill).toBe(true);
    expect(events[0]).toMatchObject({
      type: 'incident.opened',
      title: 'Drill: Checkout errors after a deploy (test fixture)',
    });
    expect(ofType(events, 'step.completed').find((e) => e.stepId === 'rollback')).toMatchObject({
      note: 'expected: the rollout to finish',
    });
    expect(events.at(-1)).toMatchObject({ type: 'incident.resolved' });
  });
});
