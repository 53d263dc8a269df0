// `oncall start` run in process: the declaration from flags or from answers,
// the first event on disk, the incident made active, and nothing created when
// an answer is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../../../src/commands/start/definition.js';
import { start } from '../../../../src/commands/start/start.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, incidentIds, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

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
      'Declared at 02:10. First status update due by 02:40.',
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
        hlc: '2026-03-12T02:10:00.000Z',
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

describe('start: empty answers and typed times', () => {
  it("'' for --service, --impact and --started-at answers as a blank answer would: not asked", async () => {
    const ctx = testContext({
      interactive: true,
      answers: [{ ask: 'Severity? If unsure, pick the higher one.', answer: 'SEV2' }],
    });
    await invoke(ctx, start, startCommand, {
      title: 'Search is slow',
      service: '',
      impact: '  ',
      startedAt: '',
      runbook: 'none',
    });
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(ctx.prompter.asked.map((q) => q.message)).toEqual([
      'Severity? If unsure, pick the higher one.',
    ]);
    const [opened] = eventsOf(ctx);
    expect(opened).not.toHaveProperty('service');
    expect(opened).not.toHaveProperty('impact');
    expect(opened).not.toHaveProperty('startedAt');
  });

  it('an empty --title or --incident is refused, naming the flag; nothing is created', async () => {
    for (const given of [
      { title: '' },
      { title: 'x', incident: '' },
      { title: 'x', runbook: '' },
    ]) {
      const ctx = testContext();
      const error = await invoke(ctx, start, startCommand, {
        runbook: 'none',
        input: false,
        ...given,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^--(title|incident|runbook): empty value; give </);
      expect(incidentIds(ctx)).toEqual([]);
    }
  });

  it('reads --started-at in the responder zone and says which time a daylight-saving gap gave', async () => {
    const ctx = testContext({ now: '2026-03-29T10:00:00Z', env: { TZ: 'Europe/Berlin' } });
    await invoke(ctx, start, startCommand, {
      title: 'Checkout returns 500',
      sev: 'SEV2',
      startedAt: '02:30',
      detectedAt: '2026-03-29T03:45',
      runbook: 'none',
      input: false,
    });
    expect(ctx.stderr.text).toBe(
      'warning: --started-at 02:30: 02:30 does not exist on 2026-03-29 in Europe/Berlin (clocks jumped forward 1h); using 03:30 (CEST)\n',
    );
    expect(eventsOf(ctx)[0]).toMatchObject({
      startedAt: '2026-03-29T01:30:00.000Z',
      detectedAt: '2026-03-29T01:45:00.000Z',
    });
  });

  it('refuses an impossible --started-at, one outside the window, and a detection before the start', async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { startedAt: '2026-02-30T01:00' },
        '--started-at 2026-02-30T01:00: February has 28 days in 2026',
      ],
      [{ startedAt: '24:30' }, '--started-at 24:30: there is no hour 24; hours go from 00 to 23'],
      [{ startedAt: '0001-03-12T01:00Z' }, 'years ago; give a time from the last 14 days'],
      [
        { detectedAt: '100000000h ago' },
        '--detected-at 100000000h ago: that is about 11407 years ago',
      ],
      [
        { detectedAt: '2026-03-12T03:00Z' },
        '--detected-at 2026-03-12T03:00Z: that is 50m in the future',
      ],
      [
        { startedAt: '01:50', detectedAt: '01:40' },
        '--detected-at 01:40 is before --started-at 01:50: it cannot have been noticed before it began',
      ],
    ];
    for (const [times, message] of cases) {
      const ctx = testContext();
      const error = await invoke(ctx, start, startCommand, {
        title: 'x',
        sev: 'SEV2',
        runbook: 'none',
        input: false,
        ...times,
      }).catch((e: unknown) => e);
      expect(error, message).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(message);
      expect(incidentIds(ctx)).toEqual([]);
    }
  });
});

describe('start from an alert', () => {
  it('offers the alert as the title and asks when it fired instead of when it started', async () => {
    const ctx = testContext({
      interactive: true,
      answers: [
        { ask: 'What is broken? (one line)', answer: '' },
        { ask: /Which service/, answer: '' },
        { ask: /Severity\?/, answer: 'SEV2' },
        { ask: /Impact:/, answer: '' },
        { ask: 'When did the alert fire? (HH:MM, ISO time, "20m ago")', answer: '' },
      ],
    });
    await invoke(ctx, start, startCommand, {
      alert: 'HighErrorRate',
      runbook: 'none',
      label: ['namespace=web', 'pod=web-1=a'],
    });
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(eventsOf(ctx)[0]).toMatchObject({
      type: 'incident.opened',
      title: 'HighErrorRate',
      alert: 'HighErrorRate',
      labels: { namespace: 'web', pod: 'web-1=a' },
      // Enter took the default: now.
      alertedAt: '2026-03-12T02:10:00.000Z',
    });
    expect(eventsOf(ctx)[0]).not.toHaveProperty('startedAt');
  });

  it('without a terminal, the alert is the title', async () => {
    const ctx = testContext();
    await invoke(ctx, start, startCommand, {
      alert: 'HighErrorRate',
      sev: 'SEV3',
      runbook: 'none',
      input: false,
    });
    expect(eventsOf(ctx)[0]).toMatchObject({ title: 'HighErrorRate' });
  });

  it('refuses a label that is not key=value, creating nothing', async () => {
    const ctx = testContext();
    const error = await invoke(ctx, start, startCommand, {
      alert: 'HighErrorRate',
      sev: 'SEV3',
      runbook: 'none',
      input: false,
      label: ['namespace'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      '--label namespace: write it as key=value, e.g. --label namespace=web',
    );
    expect(incidentIds(ctx)).toEqual([]);
  });
});
