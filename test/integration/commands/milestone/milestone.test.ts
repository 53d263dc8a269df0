// `oncall mitigate` and `oncall resolve` run in process: the milestones the
// metrics come from, backfilled with --at, each recorded once.
import { describe, expect, it } from 'vitest';
import { mitigateCommand, resolveCommand } from '../../../../src/commands/milestone/definition.js';
import { milestoneCommand } from '../../../../src/commands/milestone/milestone.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

describe('mitigate and resolve', () => {
  it('records each milestone once, with its summary, and says how long it took', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    ctx.clock.advance(25 * MINUTE);
    await invoke(
      ctx,
      milestoneCommand,
      mitigateCommand,
      { summary: ['failed', 'over', 'to db-2'] },
      { milestone: 'mitigate' },
    );
    // The update promised at the start (02:40) is what is due next.
    expect(ctx.stdout.take()).toBe(
      'Mitigated at 02:35, 25m after the start. Keep watching; `oncall resolve` when it is over.\nNext status update due by 02:40: `oncall update "what you are watching"`.\n',
    );
    await invoke(
      ctx,
      milestoneCommand,
      mitigateCommand,
      { summary: [] },
      { milestone: 'mitigate' },
    );
    expect(ctx.stdout.take()).toBe('Already mitigated at 02:35; nothing recorded.\n');

    ctx.clock.advance(60 * MINUTE);
    await invoke(
      ctx,
      milestoneCommand,
      resolveCommand,
      { summary: ['db-1 rebuilt'], at: '03:20' },
      { milestone: 'resolve' },
    );
    expect(ctx.stdout.take()).toBe(
      'Resolved at 03:20, 1h 10m after the start.\nNext: `oncall postmortem` for the draft.\n',
    );
    await invoke(ctx, milestoneCommand, resolveCommand, { summary: [] }, { milestone: 'resolve' });
    expect(ctx.stdout.take()).toBe('Already resolved at 03:20; nothing recorded.\n');

    const milestones = eventsOf(ctx).filter((e) => String(e.type).startsWith('incident.'));
    expect(milestones.slice(1)).toEqual([
      expect.objectContaining({
        type: 'incident.mitigated',
        summary: 'failed over to db-2',
        ts: '2026-03-12T02:35:00.000Z',
      }),
      expect.objectContaining({
        type: 'incident.resolved',
        summary: 'db-1 rebuilt',
        ts: '2026-03-12T03:20:00.000Z',
        recordedAt: '2026-03-12T03:35:00.000Z',
      }),
    ]);
  });

  it('resolving without a mitigation says the postmortem will flag it', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    ctx.clock.advance(90 * MINUTE);
    await invoke(ctx, milestoneCommand, resolveCommand, { summary: [] }, { milestone: 'resolve' });
    expect(ctx.stdout.take()).toContain(
      'No mitigation time was recorded; the postmortem will flag it.',
    );
    expect(eventsOf(ctx).at(-1)).not.toHaveProperty('summary');
  });

  it('--at before the start is a UsageError (exit 2) and records nothing', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const error = await invoke(
      ctx,
      milestoneCommand,
      mitigateCommand,
      {
        summary: [],
        at: '02:00',
      },
      { milestone: 'mitigate' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain('that is before the incident started');
    expect(eventsOf(ctx)).toHaveLength(before);
  });
});
