// `oncall status` run in process: the state folded from the log, as text for a
// glance and as JSON for tools, with the clock and the overdue update.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mitigateCommand } from '../../../../src/commands/milestone/definition.js';
import { milestoneCommand } from '../../../../src/commands/milestone/milestone.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { appendEvents, makeEvent } from '../../../../src/infra/store/log.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

async function investigating() {
  const ctx = testContext();
  const id = await startIncidentIn(ctx, { service: 'checkout', impact: '20% of checkouts fail' });
  ctx.clock.advance(5 * MINUTE);
  await invoke(ctx, note, noteCommand, { text: ['pool exhausted on db-1'], hypothesis: true });
  await invoke(ctx, note, noteCommand, { text: ['the 02:05 deploy'], ruledOut: true });
  ctx.stdout.take();
  return { ctx, id };
}

describe('status', () => {
  it('as text: clock, severity, milestones, updates, hypotheses', async () => {
    const { ctx, id } = await investigating();
    ctx.clock.advance(37 * MINUTE); // 02:52: the 02:40 update is 12 minutes late
    await invoke(ctx, status, statusCommand, {});
    expect(ctx.stdout.take().split('\n')).toEqual([
      `Checkout returns 500  ${id}`,
      'SEV2 · active · 42m since start (02:10) · commander alice@host',
      'Service: checkout',
      'Impact: 20% of checkouts fail',
      'Milestones: declared 02:10',
      'Updates: no update sent yet; next due by 02:40',
      '! status update overdue by 12m: send one with `oncall update "<text>"`',
      'Open hypotheses:',
      '  - pool exhausted on db-1 (02:15)',
      'Ruled out: the 02:05 deploy',
      'Commands: 0 run; notes: 2',
      '',
    ]);
    expect(ctx.stderr.text).toBe('');
  });

  it('--json: the folded state with the elapsed time, and what the log says', async () => {
    const { ctx, id } = await investigating();
    ctx.clock.advance(10 * MINUTE);
    await invoke(
      ctx,
      milestoneCommand,
      mitigateCommand,
      { summary: ['failed over'] },
      { milestone: 'mitigate' },
    );
    ctx.stdout.take();
    await invoke(ctx, status, statusCommand, { json: true });
    const state = JSON.parse(ctx.stdout.take());
    expect(state).toMatchObject({
      id,
      title: 'Checkout returns 500',
      severity: 'SEV2',
      status: 'mitigated',
      service: 'checkout',
      commander: 'alice@host',
      startedAt: '2026-03-12T02:10:00.000Z',
      mitigatedAt: '2026-03-12T02:25:00.000Z',
      elapsedMs: 15 * MINUTE,
      updateOverdue: false,
      stepsHandled: 0,
      nextUpdateDue: '2026-03-12T02:40:00.000Z',
    });
    expect(state.openHypotheses.map((h: { text: string }) => h.text)).toEqual([
      'pool exhausted on db-1',
    ]);
    expect(state.notes).toHaveLength(2);
    // Nothing in the state that the log does not hold.
    expect(state.notes.map((n: { id: string }) => n.id)).toEqual(
      eventsOf(ctx)
        .filter((e) => e.type === 'note')
        .map((e) => e.id),
    );
  });

  it('--json says when the promised update is overdue', async () => {
    const { ctx } = await investigating();
    ctx.clock.advance(30 * MINUTE);
    await invoke(ctx, status, statusCommand, { json: true });
    expect(JSON.parse(ctx.stdout.take())).toMatchObject({ updateOverdue: true });
  });

  it('names a command that started and never finished, in text and in --json', async () => {
    const { ctx, id } = await investigating();
    const file = join(ctx.home, 'incidents', id, 'events.jsonl');
    const started = makeEvent(
      {
        type: 'command.started',
        runId: 'r9',
        argv: ['kubectl', 'rollout', 'restart', 'deploy/web'],
        cwd: '/',
      },
      { incident: id, actor: 'bob@desk', now: ctx.now() },
    );
    appendEvents(file, [started]);
    ctx.clock.advance(12 * MINUTE);
    await invoke(ctx, status, statusCommand, {});
    expect(ctx.stdout.take()).toContain(
      '! still running or cut off: `kubectl rollout restart deploy/web` started 02:15 (12m ago)\n',
    );
    await invoke(ctx, status, statusCommand, { json: true });
    expect(JSON.parse(ctx.stdout.take()).unfinishedCommands).toEqual([
      {
        runId: 'r9',
        command: 'kubectl rollout restart deploy/web',
        startedAt: '2026-03-12T02:15:00.000Z',
        runningForMs: 12 * MINUTE,
        actor: 'bob@desk',
      },
    ]);
  });
});
