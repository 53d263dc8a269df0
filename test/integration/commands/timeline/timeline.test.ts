// `oncall timeline` run in process: the log in the order things happened, as
// text, as a Markdown table and as JSON; backfilled events are marked.
import { describe, expect, it } from 'vitest';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { sevCommand } from '../../../../src/commands/sev/definition.js';
import { sev } from '../../../../src/commands/sev/sev.js';
import { timelineCommand } from '../../../../src/commands/timeline/definition.js';
import { timeline } from '../../../../src/commands/timeline/timeline.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

async function story() {
  const ctx = testContext();
  const id = await startIncidentIn(ctx);
  ctx.clock.advance(10 * MINUTE);
  await invoke(ctx, note, noteCommand, { text: ['p99 | 4s on checkout'], finding: true });
  await invoke(ctx, note, noteCommand, { text: ['paged the db team'], at: '02:14', action: true });
  await invoke(ctx, sev, sevCommand, { level: 'SEV1', reason: 'all regions' });
  ctx.stdout.take();
  return { ctx, id };
}

describe('timeline', () => {
  it('as text: one line per event, in time order, backfills starred', async () => {
    const { ctx, id } = await story();
    await invoke(ctx, timeline, timelineCommand, {});
    expect(ctx.stdout.take().split('\n')).toEqual([
      `Checkout returns 500  (${id})`,
      '02:10  alice@host       incident declared at SEV2: Checkout returns 500',
      '02:14* alice@host       action: paged the db team',
      '02:20  alice@host       finding: p99 | 4s on checkout',
      '02:20  alice@host       severity SEV2 → SEV1: all regions',
      '* backfilled with --at',
      '',
    ]);
  });

  it('--md: a table ready to paste, pipes escaped; in UTC, one clock column', async () => {
    const { ctx, id } = await story();
    await invoke(ctx, timeline, timelineCommand, { md: true });
    expect(ctx.stdout.take().split('\n')).toEqual([
      `## Timeline: Checkout returns 500 (${id})`,
      '',
      '| UTC | Who | What |',
      '|---|---|---|',
      '| 02:10 | alice@host | incident declared at SEV2: Checkout returns 500 |',
      '| 02:14 | alice@host | action: paged the db team _(backfilled)_ |',
      '| 02:20 | alice@host | finding: p99 \\| 4s on checkout |',
      '| 02:20 | alice@host | severity SEV2 → SEV1: all regions |',
      '',
    ]);
  });

  it('--md in another zone: a UTC and a local column', async () => {
    const { ctx } = await story();
    ctx.env.TZ = 'Europe/Berlin';
    await invoke(ctx, timeline, timelineCommand, { md: true });
    const lines = ctx.stdout.take().split('\n');
    expect(lines).toContain('| UTC | Local | Who | What |');
    expect(lines).toContain(
      '| 02:14 | 03:14 | alice@host | action: paged the db team _(backfilled)_ |',
    );
  });

  it('--json and --md together: a usage error naming both, nothing printed', async () => {
    const { ctx } = await story();
    const error = await invoke(ctx, timeline, timelineCommand, { json: true, md: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      exitCode: 2,
      message: '--json and --md: give one (JSON for a script, Markdown to paste)',
    });
    expect(ctx.stdout.take()).toBe('');
  });

  it('--json: every event of the log, ordered by when it happened', async () => {
    const { ctx } = await story();
    await invoke(ctx, timeline, timelineCommand, { json: true });
    const printed = JSON.parse(ctx.stdout.take()) as Record<string, unknown>[];
    const logged = eventsOf(ctx);
    expect(printed).toHaveLength(logged.length);
    expect(printed.map((e) => e.ts)).toEqual([
      '2026-03-12T02:10:00.000Z',
      '2026-03-12T02:14:00.000Z',
      '2026-03-12T02:20:00.000Z',
      '2026-03-12T02:20:00.000Z',
    ]);
    // The log keeps the order of writing; the timeline the order of happening.
    expect(logged.map((e) => e.type)).toEqual([
      'incident.opened',
      'note',
      'note',
      'severity.changed',
    ]);
    expect(new Set(printed.map((e) => e.id))).toEqual(new Set(logged.map((e) => e.id)));
  });
});
