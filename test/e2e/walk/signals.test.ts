// The walk told to stop while a step's command runs (SIGTERM from a service
// manager, SIGHUP from a closed terminal): the command gets the signal, its end
// is recorded as Ctrl-C's is, the walk is paused where it was, and oncall exits
// 128+n. Through a real pseudo-terminal; every wait polls with a deadline.
import { describe, expect, it } from 'vitest';
import { readEvents } from '../../helpers/cli.js';
import { ofType, startWalk, walkSandbox } from '../../helpers/walk.js';

const BATCH_LATE = { title: 'Batch late', sev: 'SEV4', impact: 'x', startedAt: '1m ago' };

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
