// The walk told to stop while a step's command runs (SIGTERM from a service
// manager, SIGHUP from a closed terminal): the command gets the signal, its end
// is recorded as Ctrl-C's is, the walk is paused where it was, and oncall exits
// 128+n. Through a real pseudo-terminal; every wait polls with a deadline.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../helpers/cli.js';
import { KEY, waitUntil } from '../../helpers/pty.js';
import { ofType, startWalk, walkSandbox } from '../../helpers/walk.js';

const BATCH_LATE = { title: 'Batch late', sev: 'SEV4', impact: 'x', startedAt: '1m ago' };
const QUEUE_STUCK = {
  title: 'Queue stuck',
  service: 'queue',
  sev: 'SEV3',
  impact: 'slow',
  startedAt: '1m ago',
};

/** True while `pid` is a live process (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('the walk, told to stop while a command runs', () => {
  it("SIGTERM to oncall: the command's end is recorded, the walk paused, exit 143", async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'long-run', BATCH_LATE);
    await t.pick('Run it (asks first)');
    await t.reply('Run this command now?', 'y');
    await t.waitFor('batch started');
    t.kill('SIGTERM');
    await t.waitFor('Stopped by SIGTERM: the command was stopped and how it ended is recorded.');
    await t.waitFor('Paused. Resume with: oncall resume');
    expect(await t.exit).toBe(143);
    expectStopRecorded(readEvents(box), 'SIGTERM');
  });

  it('the terminal closed (a real hang-up): the same, exit 129, and no crash at exit', async () => {
    const box = walkSandbox();
    const t = startWalk(box, 'long-run', BATCH_LATE);
    await t.pick('Run it (asks first)');
    await t.reply('Run this command now?', 'y');
    await t.waitFor('batch started');
    t.hangUp();
    expect(await t.exit).toBe(129);
    expectStopRecorded(readEvents(box), 'SIGHUP');
  });
});

function expectStopRecorded(events: Record<string, unknown>[], signal: string): void {
  expect(ofType(events, 'command.finished')).toEqual([
    expect.objectContaining({
      stepId: 'rerun-batch',
      signal,
      interrupted: true,
      outputTail: 'batch started',
    }),
  ]);
  expect(events.at(-1)).toMatchObject({ type: 'walk.paused', stepId: 'rerun-batch' });
  expect(ofType(events, 'step.completed')).toHaveLength(0);
}

describe('the escape-hatch shell after a failure', () => {
  it('is a working interactive shell, and a SIGKILL of oncall takes it along', async () => {
    // Under a shell that outlives oncall: no hang-up of the terminal when oncall dies.
    const box = Object.assign(walkSandbox(), { outliving: true });
    box.env.SHELL = '/bin/sh';
    const pidFile = join(box.dir, 'shell.pid');
    const t = startWalk(box, 'failing', QUEUE_STUCK);
    await t.step(1, 3);
    await t.skip('Run the check', 'too slow to wait for');
    await t.step(2, 3, 'Run the check');
    await t.waitFor('✗ failed: exit 1');
    await t.move(
      'Retry',
      [KEY.down, KEY.down, KEY.down, KEY.down],
      'Open a shell, then come back here',
    );
    await t.waitFor('Opening /bin/sh. Exit it to come back to step broken.');
    t.answer(`echo $$ > ${pidFile}; echo shell-says-$((6 * 7))`);
    await t.waitFor('shell-says-42');
    await waitUntil('the shell wrote its pid', () => existsSync(pidFile));
    const shellPid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(shellPid)).toBe(true);
    const [oncallPid] = readFileSync(`/proc/${t.pid}/task/${t.pid}/children`, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    process.kill(oncallPid as number, 'SIGKILL');
    try {
      await waitUntil('the shell is gone', () => !alive(shellPid), 5_000);
    } finally {
      process.kill(-t.pid, 'SIGKILL');
      if (alive(shellPid)) process.kill(shellPid, 'SIGKILL');
    }
  });
});
