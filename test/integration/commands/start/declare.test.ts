// What `oncall start` records stays true: the service the responder or the
// alert said wins over the runbook's, the alert's firing time is taken (so
// time to acknowledge is measured), and a second start over an open incident
// opens another only when asked to.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../../../src/commands/start/definition.js';
import { start } from '../../../../src/commands/start/start.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { UsageError } from '../../../../src/errors.js';
import {
  eventsOf,
  incidentIds,
  MINUTE,
  startIncidentIn,
  testContext,
} from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import type { ScriptedAnswer } from '../../../helpers/prompter.js';

/** A context whose config finds one runbook for alert CheckoutErrors, covering `services`. */
function withRunbook(services: string, answers?: ScriptedAnswer[]) {
  const ctx = testContext({
    config: 'runbooks: [./runbooks]\n',
    ...(answers ? { interactive: true, answers } : {}),
  });
  mkdirSync(join(ctx.dir, 'runbooks'));
  writeFileSync(
    join(ctx.dir, 'runbooks', 'errors.md'),
    `---\nid: errors\ntitle: Error rate high\nservices: ${services}\nalerts: [CheckoutErrors]\nseverity: SEV2\n---\n\n## Look\n\nCheck the dashboard.\n`,
  );
  return ctx;
}

const fromAlert = { alert: 'CheckoutErrors', input: false, walk: false };

describe('the service', () => {
  it("the alert's service label wins over the runbook's one service", async () => {
    const ctx = withRunbook('[web]');
    await invoke(ctx, start, startCommand, { ...fromAlert, label: ['service=checkout'] });
    expect(eventsOf(ctx)[0]).toMatchObject({
      service: 'checkout',
      labels: { service: 'checkout' },
    });
    expect(ctx.stdout.text).toContain('Runbook attached: Error rate high');
  });

  it('a label naming the service another way (App=, service_name=) wins too', async () => {
    for (const label of ['App=checkout', 'service_name=checkout', 'Service=checkout']) {
      const ctx = withRunbook('[web, api]');
      await invoke(ctx, start, startCommand, { ...fromAlert, label: [label, 'team=payments'] });
      expect(eventsOf(ctx)[0], label).toMatchObject({ service: 'checkout' });
    }
  });

  it('--service wins over the label, and the runbook is found by it too', async () => {
    const ctx = withRunbook('[web, checkout]');
    await invoke(ctx, start, startCommand, {
      title: 'x',
      service: 'checkout',
      label: ['service=web'],
      input: false,
      walk: false,
    });
    expect(eventsOf(ctx)[0]).toMatchObject({ service: 'checkout' });
    expect(ctx.stdout.text).toContain('Runbook attached: Error rate high');
  });

  it("the runbook's only service, when nothing else says", async () => {
    const ctx = withRunbook('[web]');
    await invoke(ctx, start, startCommand, fromAlert);
    expect(eventsOf(ctx)[0]).toMatchObject({ service: 'web' });
  });

  it('a runbook of several services, nothing said: asked on a terminal', async () => {
    const ctx = withRunbook('[web, api]', [
      { ask: /^What is broken\?/, answer: '' },
      { ask: 'Which service? The runbook covers several.', answer: 'api' },
      { ask: /^Severity\?/, answer: 'SEV2' },
      { ask: /^Impact:/, answer: '' },
      { ask: /^When did the alert fire\?/, answer: '' },
    ]);
    await invoke(ctx, start, startCommand, { alert: 'CheckoutErrors', walk: false });
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(ctx.prompter.asked[1]?.choices).toEqual(['web', 'api', '']);
    expect(eventsOf(ctx)[0]).toMatchObject({ service: 'api' });
  });

  it('a runbook of several services, nothing said, no terminal: names --service, opens nothing', async () => {
    const ctx = withRunbook('[web, api]');
    const error = await invoke(ctx, start, startCommand, fromAlert).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "runbook errors covers web, api: say which with --service <name> (--service '' if unknown)",
    );
    expect(incidentIds(ctx)).toEqual([]);
  });
});

describe('when the alert fired', () => {
  it('--alerted-at is recorded, the start is no later, and time to acknowledge counts from it', async () => {
    const ctx = testContext();
    await invoke(ctx, start, startCommand, {
      ...fromAlert,
      sev: 'SEV2',
      runbook: 'none',
      alertedAt: '12m ago',
    });
    expect(ctx.stdout.text).toContain('Declared at 02:10, 12m after the alert fired (01:58).');
    expect(eventsOf(ctx)[0]).toMatchObject({ alertedAt: '2026-03-12T01:58:00.000Z' });
    expect(eventsOf(ctx)[0]).not.toHaveProperty('startedAt');
    const { statusCommand } = await import('../../../../src/commands/status/definition.js');
    const { status } = await import('../../../../src/commands/status/status.js');
    ctx.stdout.take();
    await invoke(ctx, status, statusCommand, {});
    const text = ctx.stdout.take();
    expect(text).toContain('12m since start (01:58)');
    expect(text).toContain('Milestones: alert fired 01:58, declared 02:10');
  });

  it('asked on a terminal: the time typed is taken, and time to acknowledge is not 0', async () => {
    const ctx = testContext({
      interactive: true,
      answers: [
        { ask: /^What is broken\?/, answer: 'Checkout errors' },
        { ask: /^Which service/, answer: 'checkout' },
        { ask: /^Severity\?/, answer: 'SEV2' },
        { ask: /^Impact:/, answer: '' },
        { ask: /^When did the alert fire\?/, answer: '8m ago' },
      ],
    });
    await invoke(ctx, start, startCommand, { alert: 'CheckoutErrors', runbook: 'none' });
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(eventsOf(ctx)[0]).toMatchObject({ alertedAt: '2026-03-12T02:02:00.000Z' });
    const { computeMetrics } = await import('../../../../src/domain/incident/metrics.js');
    const { IncidentFold } = await import('../../../../src/domain/incident/fold.js');
    const state = new IncidentFold(eventsOf(ctx) as unknown as OncallEvent[]).state;
    expect(computeMetrics(state, new Date(state.acknowledgedAt)).timeToAcknowledgeMs).toBe(
      8 * MINUTE,
    );
  });

  it('an alert that fired before the incident began is refused, opening nothing', async () => {
    const ctx = testContext();
    const error = await invoke(ctx, start, startCommand, {
      ...fromAlert,
      sev: 'SEV2',
      runbook: 'none',
      startedAt: '01:50',
      alertedAt: '01:40',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      '--alerted-at 01:40 is before --started-at 01:50: it cannot have fired before it began',
    );
    expect(incidentIds(ctx)).toEqual([]);
  });
});

describe('a second start while an incident is open', () => {
  const again = { title: 'Search is slow', sev: 'SEV3', runbook: 'none' };

  it('on a terminal, asks: working on the open one opens nothing', async () => {
    const ctx = testContext({
      interactive: true,
      answers: [
        { ask: /is still open .* Work on the open one, or open a new incident\?$/, answer: 'open' },
      ],
    });
    const id = await startIncidentIn(ctx);
    ctx.clock.advance(5 * MINUTE);
    await invoke(ctx, start, startCommand, again);
    expect(ctx.prompter.asked[0]?.message).toBe(
      `${id} is still open (SEV2 · Checkout returns 500, declared 02:10). Work on the open one, or open a new incident?`,
    );
    expect(incidentIds(ctx)).toEqual([id]);
    expect(ctx.stdout.take()).toContain(`Working on ${id}: notes go there.`);
  });

  it('on a terminal, "open a new incident" opens it', async () => {
    const ctx = testContext({
      interactive: true,
      answers: [
        { ask: /Work on the open one, or open a new incident\?$/, answer: 'new' },
        { ask: /^Which service\?/, answer: '' },
        { ask: /^Impact:/, answer: '' },
        { ask: /^When did it start\?/, answer: '' },
      ],
    });
    const id = await startIncidentIn(ctx);
    await invoke(ctx, start, startCommand, again);
    expect(ctx.prompter.unanswered).toEqual([]);
    expect(incidentIds(ctx)).toHaveLength(2);
    expect(ctx.stderr.take()).toContain(`${id} is still open; notes now go to`);
  });
});
