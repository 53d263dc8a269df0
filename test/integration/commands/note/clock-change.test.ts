// The night clocks go back, in process with the responder's TZ: a clock time
// typed to `note --at`, `mitigate --at`, `start --started-at`, and the alert
// prompt's default taken as offered, each land on the instant meant, and a
// time the clock showed twice says which one it recorded.
import { describe, expect, it } from 'vitest';
import { mitigateCommand } from '../../../../src/commands/milestone/definition.js';
import { milestoneCommand } from '../../../../src/commands/milestone/milestone.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { startCommand } from '../../../../src/commands/start/definition.js';
import { start } from '../../../../src/commands/start/start.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

// America/New_York, 2026-11-01: 02:00 EDT (06:00Z) -> 01:00 EST. 06:40Z reads 01:40 EST.
const AT_0140_EST = '2026-11-01T06:40:00.000Z';
const NY = { TZ: 'America/New_York' };

describe('a clock time typed on the night clocks go back', () => {
  it('note --at 01:30 at 01:40 EST is ten minutes ago, said on stderr; 01:30 EDT is the other', async () => {
    const ctx = testContext({ now: AT_0140_EST, env: NY });
    await startIncidentIn(ctx);
    await invoke(ctx, note, noteCommand, { text: ['cache flushed'], at: '01:30' });
    expect(eventsOf(ctx).at(-1)).toMatchObject({ ts: '2026-11-01T06:30:00.000Z' });
    expect(ctx.stderr.take()).toContain(
      '--at 01:30: 01:30 happened twice on 2026-11-01 in America/New_York (clocks went back 1h); using the later, 01:30 EST (10m ago). For the earlier, give 01:30 EDT',
    );
    await invoke(ctx, note, noteCommand, { text: ['paged'], at: '01:30 EDT' });
    await invoke(ctx, note, noteCommand, { text: ['dns'], at: '01:30-05:00' });
    expect(eventsOf(ctx).slice(-2)).toMatchObject([
      { ts: '2026-11-01T05:30:00.000Z' },
      { ts: '2026-11-01T06:30:00.000Z' },
    ]);
    expect(ctx.stderr.take()).toBe('');
  });

  it('mitigate --at and start --started-at read the same way', async () => {
    const ctx = testContext({ now: AT_0140_EST, env: NY });
    await startIncidentIn(ctx, { startedAt: '01:20 EDT' });
    expect(eventsOf(ctx)[0]).toMatchObject({ startedAt: '2026-11-01T05:20:00.000Z' });
    await invoke(
      ctx,
      milestoneCommand,
      mitigateCommand,
      { summary: [], at: '01:35' },
      { milestone: 'mitigate' },
    );
    expect(eventsOf(ctx).at(-1)).toMatchObject({ ts: '2026-11-01T06:35:00.000Z' });
    expect(ctx.stderr.take()).toContain('using the later, 01:35 EST (5m ago)');
  });

  it('the alert prompt offers 01:40 EST; taken as offered, it records now', async () => {
    const ctx = testContext({
      now: new Date(Date.parse(AT_0140_EST) + 17_000),
      env: NY,
      interactive: true,
      answers: [
        { ask: /^What is broken\?/, answer: 'Checkout errors' },
        { ask: /^Which service/, answer: 'checkout' },
        { ask: /^Severity\?/, answer: 'SEV2' },
        { ask: /^Impact:/, answer: '' },
        { ask: /^When did the alert fire\?/, answer: '' },
      ],
    });
    await invoke(ctx, start, startCommand, { alert: 'CheckoutErrors', runbook: 'none' });
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(eventsOf(ctx)[0]).toMatchObject({ alertedAt: '2026-11-01T06:40:17.000Z' });
  });

  it('typed back as shown, 01:40 EST is the instant it was shown for', async () => {
    const ctx = testContext({ now: AT_0140_EST, env: NY });
    await startIncidentIn(ctx, { alertedAt: '01:40 EST' });
    expect(eventsOf(ctx)[0]).toMatchObject({ alertedAt: AT_0140_EST });
  });

  it('in Lord Howe, the half hour shown twice; in Kolkata, no notice at all', async () => {
    // 2026-04-05 02:00 (+11) -> 01:30 (+10:30); 15:20Z reads 01:50.
    const howe = testContext({
      now: '2026-04-04T15:20:00.000Z',
      env: { TZ: 'Australia/Lord_Howe' },
    });
    await startIncidentIn(howe);
    await invoke(howe, note, noteCommand, { text: ['x'], at: '01:45' });
    expect(eventsOf(howe).at(-1)).toMatchObject({ ts: '2026-04-04T15:15:00.000Z' });
    expect(howe.stderr.take()).toContain('For the earlier, give 01:45 GMT+11');
    const kolkata = testContext({ now: AT_0140_EST, env: { TZ: 'Asia/Kolkata' } });
    await startIncidentIn(kolkata);
    await invoke(kolkata, note, noteCommand, { text: ['x'], at: '11:30' });
    expect(eventsOf(kolkata).at(-1)).toMatchObject({ ts: '2026-11-01T06:00:00.000Z' });
    expect(kolkata.stderr.take()).toBe('');
  });

  it('on the night clocks go forward, a skipped time still ahead is refused with the fix, the log untouched', async () => {
    // 2026-03-08 02:00 EST -> 03:00 EDT; 07:10Z reads 03:10 EDT.
    const ctx = testContext({ now: '2026-03-08T07:10:00.000Z', env: NY });
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const error = await invoke(ctx, note, noteCommand, { text: ['x'], at: '02:30' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('02:30 does not exist on 2026-03-08');
    expect(eventsOf(ctx)).toHaveLength(before);
  });
});
