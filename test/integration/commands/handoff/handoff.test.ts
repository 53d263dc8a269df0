// `oncall handoff` run in process: the incident framed for the next commander,
// and the change of command recorded, so what comes next starts from them.
import { describe, expect, it } from 'vitest';
import { handoffCommand } from '../../../../src/commands/handoff/definition.js';
import { handoff } from '../../../../src/commands/handoff/handoff.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, MINUTE, startIncidentIn, teamContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

describe('handoff', () => {
  it('prints what is unresolved, records the handoff offered, and the commander changes when it is accepted', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    ctx.clock.advance(45 * MINUTE);
    await invoke(ctx, note, noteCommand, {
      text: ['a noisy neighbour on node-7'],
      hypothesis: true,
    });
    ctx.stdout.take();
    ctx.stderr.take();
    await invoke(ctx, handoff, handoffCommand, { to: 'carol', note: 'Node-7 drain is half done' });
    const text = ctx.stdout.take();
    expect(text.split('\n')[0]).toBe('# Handoff: Checkout returns 500');
    expect(text).toContain(
      '**Offered to Carol Diaz (payments lead) at 02:55, not yet accepted.** Alice Chen stays incident commander until Carol Diaz accepts.',
    );
    expect(text).toContain('> Node-7 drain is half done');
    expect(text).toContain('- [ ] Confirm or rule out: a noisy neighbour on node-7');
    expect(ctx.stderr.take()).toBe(
      'Handoff offered to Carol Diaz; they become incident commander when they accept it (`oncall handoff --accept`).\nSend it to them: Carol Diaz (carol@example.com).\n',
    );
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'handoff',
      from: 'alice@host',
      to: 'carol',
      toName: 'Carol Diaz',
      note: 'Node-7 drain is half done',
      ts: '2026-03-12T02:55:00.000Z',
    });

    // Offered is not taken: alice commands until carol accepts.
    await invoke(ctx, status, statusCommand, { json: true });
    expect(JSON.parse(ctx.stdout.take())).toMatchObject({
      commander: 'alice@host',
      handoffOffered: { to: 'carol' },
    });
    await invoke(ctx, status, statusCommand, {});
    expect(ctx.stdout.take()).toContain(
      '! handoff offered to Carol Diaz at 02:55, not yet accepted: Carol Diaz runs `oncall handoff --accept` on this incident (share it first: `oncall share`)',
    );
    const carol = { ...ctx, env: { ...ctx.env, ONCALL_ACTOR: 'carol@laptop' } };
    await invoke(carol, handoff, handoffCommand, { accept: true });
    expect(ctx.stdout.take()).toContain('You are now incident commander');
    await invoke(ctx, status, statusCommand, { json: true });
    const after = JSON.parse(ctx.stdout.take());
    expect(after).toMatchObject({ commander: 'carol' });
    expect(after).not.toHaveProperty('handoffOffered');
  });

  it('handing to the commander is a UsageError (exit 2), and records nothing', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const error = await invoke(ctx, handoff, handoffCommand, { to: 'alice' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({
      exitCode: 2,
      message: '--to alice: Alice Chen is already the incident commander',
    });
    expect(eventsOf(ctx)).toHaveLength(before);
  });

  it('at a terminal, without --to, the next commander is picked from the contacts', async () => {
    const ctx = teamContext({
      interactive: true,
      answers: [{ ask: 'Who takes over as incident commander?', answer: 'bob' }],
    });
    await startIncidentIn(ctx);
    await invoke(ctx, handoff, handoffCommand, {});
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(eventsOf(ctx).at(-1)).toMatchObject({ type: 'handoff', to: 'bob' });
  });
});
