// `oncall start` run in process: the declaration from flags or from answers,
// the first event on disk, the incident made active, and nothing created when
// an answer is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../../src/commands/definitions/start.js';
import { start } from '../../../src/commands/start.js';
import { UsageError } from '../../../src/errors.js';
import { eventsOf, incidentIds, testContext } from '../../helpers/context.js';
import { invoke } from '../../helpers/invoke.js';

describe('start --no-input with flags', () => {
  it('opens the incident, prints its id and first update due, and makes it active', async () => {
    const ctx = testContext();
    await invoke(ctx, start, startCommand, {
      title: 'Checkout returns 500',
      service: 'checkout',
      sev: 'sev2',
      impact: 'About 20% of checkouts fail',
      startedAt: '01:55',
      alert: 'CheckoutErrorRate',
      runbook: 'none',
      input: false,
    });
    const id = '2026-03-12-0210-checkout-returns-500';
    expect(ctx.stdout.text.split('\n')).toEqual([
      `Incident ${id} opened: SEV2 · Checkout returns 500`,
      'Acknowledged at 02:10. First status update due by 02:40.',
      `Log: ${join(ctx.home, 'incidents', id, 'events.jsonl')}`,
      'Next: `oncall note "what you see"` from any terminal; `oncall status` for the clock.',
      '',
    ]);
    expect(ctx.stderr.text).toBe('');
    expect(incidentIds(ctx)).toEqual([id]);
    expect(readFileSync(join(ctx.home, 'active'), 'utf8').trim()).toBe(id);
    expect(eventsOf(ctx)).toEqual([
      {
        v: 1,
        id: expect.any(String),
        incident: id,
        ts: '2026-03-12T02:10:00.000Z',
        actor: 'alice@host',
        lamport: 1,
        type: 'incident.opened',
        title: 'Checkout returns 500',
        service: 'checkout',
        severity: 'SEV2',
        impact: 'About 20% of checkouts fail',
        startedAt: '2026-03-12T01:55:00.000Z',
        alert: 'CheckoutErrorRate',
        nextUpdateDue: '2026-03-12T02:40:00.000Z',
      },
    ]);
    expect(ctx.prompter.asked).toEqual([]);
  });

  it('a missing --title is a usage error naming the flag; nothing is created', async () => {
    const ctx = testContext({ interactive: true });
    const error = await invoke(ctx, start, startCommand, {
      sev: 'SEV2',
      runbook: 'none',
      input: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain('missing --title');
    // --no-input wins over the terminal: nobody was asked.
    expect(ctx.prompter.asked).toEqual([]);
    expect(existsSync(join(ctx.home, 'incidents'))).toBe(false);
  });

  it('a bad --sev names the levels', async () => {
    const ctx = testContext();
    await expect(
      invoke(ctx, start, startCommand, { title: 'x', sev: 'SEV9', runbook: 'none', input: false }),
    ).rejects.toThrow('--sev SEV9: not a severity; use one of SEV1, SEV2, SEV3, SEV4');
    expect(incidentIds(ctx)).toEqual([]);
  });
});

describe('start at a terminal', () => {
  it('asks for what the flags did not say, in order, and records the answers', async () => {
    const ctx = testContext({
      interactive: true,
      answers: [
        { ask: 'What is broken? (one line)', answer: '  Search is slow  ' },
        { ask: 'Which service? (blank if unknown)', answer: 'search' },
        { ask: 'Severity? If unsure, pick the higher one.', answer: 'SEV3' },
        { ask: /^Impact: who is affected/, answer: '' },
        { ask: /^When did it start\?/, answer: '20m ago' },
      ],
    });
    await invoke(ctx, start, startCommand, { runbook: 'none' });
    expect(ctx.prompter.unanswered).toEqual([]);
    const severity = ctx.prompter.asked.find((q) => q.kind === 'choice');
    expect(severity?.choices).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(ctx.stdout.text).toContain('opened: SEV3 · Search is slow');
    expect(ctx.stdout.text).toContain('First status update due by 03:10.');
    const [opened] = eventsOf(ctx);
    expect(opened).toMatchObject({
      type: 'incident.opened',
      title: 'Search is slow',
      service: 'search',
      severity: 'SEV3',
      startedAt: '2026-03-12T01:50:00.000Z',
    });
    expect(opened).not.toHaveProperty('impact');
  });
});
