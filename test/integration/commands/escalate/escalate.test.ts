// `oncall escalate` run in process, flags or answers: the summary for one named
// person with the specific ask, printed and recorded; a question the responder
// cancels, or that no terminal can ask, records nothing.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escalateCommand } from '../../../../src/commands/escalate/definition.js';
import { escalate } from '../../../../src/commands/escalate/escalate.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { UsageError } from '../../../../src/errors.js';
import { PromptCancelled } from '../../../../src/terminal/ui/prompts.js';
import { eventsOf, MINUTE, startIncidentIn, teamContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { CTRL_C } from '../../../helpers/prompter.js';

describe('escalate with flags', () => {
  it('prints the short summary with the ask, and records the escalation', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx, { impact: 'About 20% of checkouts fail' });
    ctx.clock.advance(10 * MINUTE);
    await invoke(ctx, note, noteCommand, {
      text: ['connection pool exhausted on db-1'],
      hypothesis: true,
    });
    await invoke(ctx, note, noteCommand, { text: ['the 02:05 deploy'], ruledOut: true });
    ctx.stdout.take();
    await invoke(ctx, escalate, escalateCommand, {
      to: 'bob',
      ask: 'Check replication lag on db-1',
      by: '03:00',
    });
    const lines = ctx.stdout.take().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '**Escalation to Bob Stone: Checkout returns 500**',
      'SEV2 · Investigating · 10m · IC Alice Chen · times UTC',
      '**The ask:** Check replication lag on db-1 (by 03:00)',
    ]);
    expect(lines).toContain('**Open:** connection pool exhausted on db-1');
    expect(lines).toContain('**Ruled out:** the 02:05 deploy');
    expect(lines.at(-2)).toBe('**Next update:** by 02:40 UTC');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(ctx.stderr.take()).toBe(
      'Escalation to Bob Stone recorded at 02:20. Send it to them: Bob Stone (+1 555 0101).\n',
    );
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'escalation',
      to: 'bob',
      toName: 'Bob Stone',
      ask: 'Check replication lag on db-1 (by 03:00)',
      ts: '2026-03-12T02:20:00.000Z',
      actor: 'alice@host',
    });
  });

  it('--long --out writes the full summary, readable by the user only', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    await invoke(ctx, escalate, escalateCommand, {
      to: 'Carol Diaz',
      ask: 'Pause the refund job',
      long: true,
      out: 'esc.md',
    });
    const file = join(ctx.dir, 'esc.md');
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(ctx.stdout.take());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(written).toContain('# Escalation to Carol Diaz (payments lead): Checkout returns 500');
    expect(ctx.stderr.take()).toContain(`Written to ${file}.`);
    expect(eventsOf(ctx).at(-1)).toMatchObject({ type: 'escalation', to: 'carol' });
  });

  it('without a terminal, a missing --ask is a UsageError naming the flag; nothing recorded', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const error = await invoke(ctx, escalate, escalateCommand, { to: 'bob' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toBe(
      'missing --ask (What do you need from Bob Stone?); no terminal to ask on. Pass --ask <value>.',
    );
    expect(ctx.prompter.asked).toEqual([]);
    expect(eventsOf(ctx)).toHaveLength(before);
  });
});

describe('escalate at a terminal', () => {
  it('asks "What do you need from Alice?" and records the answer as the ask', async () => {
    const ctx = teamContext({
      interactive: true,
      answers: [{ ask: 'What do you need from Alice Chen?', answer: '  Approve the failover  ' }],
    });
    await startIncidentIn(ctx);
    await invoke(ctx, escalate, escalateCommand, { to: 'alice', by: '02:30' });
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(ctx.stdout.take()).toContain('**The ask:** Approve the failover (by 02:30)');
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'escalation',
      to: 'alice',
      ask: 'Approve the failover (by 02:30)',
    });
  });

  it('without --to, offers the contacts to pick from, then asks what is needed', async () => {
    const ctx = teamContext({
      interactive: true,
      answers: [
        { ask: 'Who should this go to?', answer: 'carol' },
        { ask: 'What do you need from Carol Diaz?', answer: 'Pause the refund job' },
      ],
    });
    await startIncidentIn(ctx);
    await invoke(ctx, escalate, escalateCommand, {});
    expect(ctx.prompter.asked).toEqual([
      { kind: 'choice', message: 'Who should this go to?', choices: ['alice', 'bob', 'carol'] },
      { kind: 'text', message: 'What do you need from Carol Diaz?' },
    ]);
    expect(eventsOf(ctx).at(-1)).toMatchObject({ to: 'carol', ask: 'Pause the refund job' });
  });

  it('Ctrl-C at the question: exit 130, nothing printed, nothing recorded', async () => {
    const ctx = teamContext({
      interactive: true,
      answers: [{ ask: 'What do you need from Bob Stone?', answer: CTRL_C }],
    });
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const error = await invoke(ctx, escalate, escalateCommand, { to: 'bob' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PromptCancelled);
    expect(error).toMatchObject({ exitCode: 130, message: 'cancelled; nothing was recorded' });
    expect(ctx.stdout.text).toBe('');
    expect(eventsOf(ctx)).toHaveLength(before);
  });
});
