// `oncall update` run in process: the stakeholder text is printed exactly as it
// is recorded, with the next update due by the severity's cadence.
import { describe, expect, it } from 'vitest';
import { updateCommand } from '../../../../src/commands/update/definition.js';
import { update } from '../../../../src/commands/update/update.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, MINUTE, startIncidentIn, teamContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

describe('update', () => {
  it('prints the update, ready to paste, and records it with the next due time', async () => {
    const ctx = teamContext();
    const id = await startIncidentIn(ctx, { impact: 'About 20% of checkouts fail' });
    ctx.clock.advance(5 * MINUTE);
    await invoke(ctx, update, updateCommand, {
      text: ['Rolled back the 02:05 deploy;', 'watching error rates.'],
      channel: '#incidents',
    });
    const printed = ctx.stdout.take();
    expect(printed).toBe(
      [
        '**SEV2 · Checkout returns 500** · update 02:15 UTC',
        '**Status:** Investigating · started 2026-03-12 02:10 UTC (5m ago)',
        '**Impact:** About 20% of checkouts fail',
        '**Now:** Rolled back the 02:05 deploy; watching error rates.',
        '**Next update:** by 02:45 UTC',
        `_Incident ${id} · incident commander: Alice Chen_`,
        '',
      ].join('\n'),
    );
    expect(ctx.stderr.take()).toBe('Recorded update at 02:15. Next due by 02:45.\n');
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'update.sent',
      ts: '2026-03-12T02:15:00.000Z',
      text: 'Rolled back the 02:05 deploy; watching error rates.',
      message: printed,
      channel: '#incidents',
      nextUpdateDue: '2026-03-12T02:45:00.000Z',
    });
  });

  it('an empty update is a UsageError (exit 2) and records nothing', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const error = await invoke(ctx, update, updateCommand, { text: ['  '] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain('<text> is empty: what is being done now');
    expect(eventsOf(ctx)).toHaveLength(before);
    expect(ctx.stdout.text).toBe('');
  });
});
