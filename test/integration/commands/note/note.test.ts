// `oncall note` run in process: every kind, backfilling with --at, the overdue
// reminder from the log's tail, and the typed errors for a user's mistakes.
import { describe, expect, it } from 'vitest';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

describe('note', () => {
  it('records a note and says when, in which incident', async () => {
    const ctx = testContext();
    const id = await startIncidentIn(ctx);
    ctx.clock.advance(4 * MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['errors', 'up', 'since 02:05'] });
    expect(ctx.stdout.take()).toBe(`Noted at 02:14 in ${id}\n`);
    expect(ctx.stderr.text).toBe('');
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'note',
      kind: 'note',
      text: 'errors up since 02:05',
      ts: '2026-03-12T02:14:00.000Z',
      actor: 'alice@host',
      incident: id,
    });
  });

  it('records each kind, by --kind or by its shorthand', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    await invoke(ctx, note, noteCommand, { text: ['pool exhausted on db-1'], hypothesis: true });
    await invoke(ctx, note, noteCommand, { text: ['the deploy'], ruledOut: true });
    await invoke(ctx, note, noteCommand, { text: ['restarted db-1'], kind: 'action' });
    await invoke(ctx, note, noteCommand, { text: ['p99 is 4s'], finding: true });
    await invoke(ctx, note, noteCommand, { text: ['fail over'], decision: true });
    await invoke(ctx, note, noteCommand, { text: ['restarting web-3'], action: true });
    expect(ctx.stdout.text.split('\n').map((line) => line.replace(/ at .*/, ''))).toEqual([
      'Noted (hypothesis)',
      'Noted (ruled-out)',
      'Noted (action)',
      'Noted (finding)',
      'Noted (decision)',
      'Noted (action)',
      '',
    ]);
    const notes = eventsOf(ctx).filter((e) => e.type === 'note');
    expect(notes.map((e) => [e.kind, e.text])).toEqual([
      ['hypothesis', 'pool exhausted on db-1'],
      ['ruled-out', 'the deploy'],
      ['action', 'restarted db-1'],
      ['finding', 'p99 is 4s'],
      ['decision', 'fail over'],
      ['action', 'restarting web-3'],
    ]);
  });

  it('--at backfills: the event happened then, and says when it was written down', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    ctx.clock.advance(20 * MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['paged the db team'], at: '10m ago' });
    await invoke(ctx, note, noteCommand, { text: ['rolled back'], at: '02:12', action: true });
    expect(ctx.stdout.text).toMatch(/^Noted at 02:20 in .*\nNoted \(action\) at 02:12 in /);
    const [paged, rolledBack] = eventsOf(ctx).slice(-2);
    expect(paged).toMatchObject({
      ts: '2026-03-12T02:20:00.000Z',
      recordedAt: '2026-03-12T02:30:00.000Z',
    });
    expect(rolledBack).toMatchObject({
      kind: 'action',
      ts: '2026-03-12T02:12:00.000Z',
      recordedAt: '2026-03-12T02:30:00.000Z',
    });
  });

  it('reminds on stderr when the promised update is overdue', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx); // SEV2: first update due by 02:40
    ctx.clock.advance(29 * MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['still looking'] });
    expect(ctx.stderr.take()).toBe('');
    ctx.clock.advance(6 * MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['still looking'] });
    expect(ctx.stderr.take()).toMatch(/^warning: .*overdue/);
  });

  it("a user's mistake is a UsageError (exit 2), and nothing is recorded", async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ text: ['  '] }, '<text> is empty: what happened'],
      [{ text: ['x'], action: true, finding: true }, 'pick one kind, not action and finding'],
      [{ text: ['x'], kind: 'rumour' }, '--kind rumour: use one of note, action'],
      [{ text: ['x'], at: 'in 10m' }, '--at in 10m: not a time I understand'],
      [{ text: ['x'], at: '2099-01-01T00:00:00Z' }, 'years in the future'],
      [
        { text: ['x'], at: '2026-02-30T01:00' },
        '--at 2026-02-30T01:00: February has 28 days in 2026',
      ],
      [{ text: ['x'], at: '100000000h ago' }, 'give a time from the last 14 days'],
      [{ text: ['x'], at: '' }, '--at: empty value'],
    ];
    for (const [options, message] of cases) {
      const error = await invoke(ctx, note, noteCommand, options).catch((e: unknown) => e);
      expect(error, message).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ exitCode: 2 });
      expect((error as Error).message).toContain(message);
    }
    expect(eventsOf(ctx)).toHaveLength(before);
    expect(ctx.stdout.text).toBe('');
  });

  it('without an incident: a UsageError (exit 2) that says how to start one', async () => {
    const ctx = testContext();
    const error = await invoke(ctx, note, noteCommand, { text: ['hello'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain('no active incident. Start one with `oncall start`');
  });
});
