// A whole night, driven as a responder drives it, through the built bin in a
// real terminal: an error-rate alert on checkout, the runbook walked (a
// failing health check, the recent deploys, the rollback confirmed by typing
// its verb, a wait that polls the health check until it gives up), notes from
// a second terminal, a severity change, an escalation to the database
// engineer paged through PagerDuty and posted to Slack, a handoff, the
// mitigation and the resolution, and the postmortem read the next morning.
// What the woken person reads on a phone (the escalation, at 40 columns) and
// what the team reviews (the postmortem) are checked as they come out.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oncallAsync, readEvents, type Sandbox, sandbox } from '../../helpers/cli.js';
import { ROUTING_KEY, SLACK_PATH } from '../../helpers/delivery.js';
import { pagerdutyAnswers, slackAnswers } from '../../helpers/documented.js';
import { type FakeService, fakeService } from '../../helpers/http-server.js';
import { spawnOncall } from '../../helpers/pty.js';
import { openWalk } from '../../helpers/walk.js';

const FENCE = '```';
const RUNBOOK = `---
id: checkout-errors
title: Checkout errors after a deploy
services: [checkout]
alerts: [HighErrorRate]
severity: SEV2
contacts: [dana]
---

# Checkout errors after a deploy

## Check the health endpoint
<!-- step: check-health kind: check on-failure: skip -->

${FENCE}sh
health
${FENCE}

## Look at the recent deploys
<!-- step: recent-deploys kind: check -->

${FENCE}sh
kubectl --namespace web rollout history deployment/web
${FENCE}

## Roll back to the last good release
<!-- step: rollback kind: run -->

${FENCE}sh
kubectl --namespace web set image deployment/web web=registry.example.com/web:2024.06.11-3
${FENCE}

## Wait until the site is healthy again
<!-- step: wait-healthy kind: wait until: check-health seconds: 3 interval: 1s -->

## Confirm recovery
<!-- step: confirm kind: manual -->

Check the error-rate graph is back to its baseline.
`;

/** A program on the responder's PATH: prints `output`, exits `code`. */
function program(dir: string, name: string, output: string, code: number): void {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' '${output}'\nexit ${code}\n`);
  chmodSync(file, 0o755);
}

const services: FakeService[] = [];

/** The body of the first request a service received (the test has waited for it). */
function firstBody(service: FakeService): unknown {
  const [first] = service.received;
  if (!first) throw new Error('the service received nothing');
  return first.body;
}
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

async function nightBox(): Promise<{
  box: Sandbox;
  pager: FakeService;
  chat: FakeService;
  hook: FakeService;
}> {
  const pager = await fakeService(pagerdutyAnswers());
  const chat = await fakeService(slackAnswers());
  const hook = await fakeService({ status: 204 });
  services.push(pager, chat, hook);
  const box = sandbox({
    ONCALL_ACTOR: 'alice@laptop',
    PD_ROUTING_KEY: ROUTING_KEY,
    SLACK_WEBHOOK_URL: `${chat.url}${SLACK_PATH}`,
    HOOK_URL: `${hook.url}/incoming`,
  });
  // The responder's own programs: a health check that answers 503, a kubectl that obeys.
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  program(bin, 'health', 'HTTP/2 503 {"status":"unavailable","db":"timeout"}', 22);
  program(bin, 'kubectl', 'deployment.apps/web image updated', 0);
  box.env.PATH = `${bin}:${process.env.PATH}`;
  mkdirSync(join(box.cwd, 'runbooks'));
  writeFileSync(join(box.cwd, 'runbooks', 'checkout-errors.md'), RUNBOOK);
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    [
      'runbooks: [./runbooks]',
      'channels:',
      `  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, baseUrl: "${pager.url}" }`,
      '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }',
      '  hook: { type: webhook, urlEnv: HOOK_URL }',
      'contacts:',
      '  dana: { name: Dana Okafor, role: database on-call, slack: U0123ABCD, reach: [pager, chat, hook] }',
      '',
    ].join('\n'),
  );
  return { box, pager, chat, hook };
}

const ASK = 'Is db-1 healthy? Can you raise max_connections?';

describe('a whole night in a real terminal', () => {
  it('the escalation fits a phone and carries what matters; the postmortem is worth reviewing', async () => {
    const { box, pager, chat, hook } = await nightBox();

    // 03:02, the alert: declare, and walk the runbook that matches it.
    const walk = openWalk(box, [
      'start',
      '--alert',
      'HighErrorRate',
      '--title',
      'Checkout error rate high',
      '--service',
      'checkout',
      '--sev',
      'SEV2',
      '--impact',
      '12% of checkouts fail',
      '--started-at',
      '4m ago',
      '--alerted-at',
      '3m ago',
    ]);
    // Our runbook and the bundled one both match the alert: ours is offered first.
    await walk.pick('Checkout errors after a deploy (checkout-errors)');
    await walk.step(1, 5, 'Run the check');
    await walk.waitFor('HTTP/2 503');
    await walk.pick('Skip this step (give a reason)');
    await walk.reply('Why skip it?', 'the 503 confirms the alert');
    await walk.step(2, 5, 'Run the check');
    await walk.waitFor('✓ exit 0');
    await walk.step(3, 5, 'Run it (asks first)');
    await walk.reply('Confirm: type "set" or yes', 'set');
    await walk.waitFor('✓ exit 0');
    await walk.step(4, 5, 'Poll until it passes (up to 3s)');
    await walk.waitFor('gave up after', 20_000);
    await walk.skipFailed('the rollback did not help: escalating to the database');
    await walk.step(5, 5);
    await walk.quit('Done');

    // Meanwhile, from a second terminal.
    for (const args of [
      ['note', '--hypothesis', 'connection pool exhausted on db-1'],
      ['note', '--action', 'paused the deploy pipeline for web'],
      ['note', '--finding', 'db-1 pool at 100/100 connections'],
      ['sev', 'SEV1', '--reason', 'EU checkout down too'],
    ]) {
      const r = await oncallAsync(box, args);
      expect(r.code, r.stderr).toBe(0);
    }

    // The escalation, as the woken person reads it: a 40-column terminal, like a phone.
    const phone = spawnOncall(['escalate', '--to', 'dana', '--ask', ASK], { ...box, cols: 40 });
    await phone.waitFor('to Slack (chat).', 15_000);
    expect(await phone.exit).toBe(0);
    const printed = phone.screen().split('\n');
    const end = printed.findIndex((l) => l.startsWith('Next update:'));
    const text = printed.slice(0, end + 1);
    expect(text[0]).toBe('Escalation to Dana Okafor: Checkout');
    expect(text.length).toBeLessThanOrEqual(20);
    for (const row of text) expect(row.length).toBeLessThanOrEqual(40);
    expect(new Set(text).size).toBe(text.length);
    const shown = text.join(' ').replace(/\s+/g, ' ');
    expect(shown).toContain(`The ask: ${ASK}`);
    expect(shown).toContain('db-1 pool at 100/100 connections');
    expect(shown).toMatch(/kubectl set image … web:2024\.06\.11-3 → exit 0/);
    expect(shown).not.toMatch(/oncall |--long|\*\*/);
    // Every word on the screen is a word of the text sent: none was broken to fit.
    const sent = (firstBody(hook) as { markdown: string }).markdown;
    const words = new Set(sent.replace(/[*`]/g, '').split(/\s+/));
    for (const row of text)
      for (const w of row.replace(/^\s*•\s/, '').split(/\s+/))
        if (w) expect(words.has(w), w).toBe(true);
    // PagerDuty and Slack carry the same ranking; Slack notifies Dana.
    const details = (firstBody(pager) as { payload: { custom_details: Record<string, string[]> } })
      .payload.custom_details;
    expect(details.changed?.join('\n')).toContain('kubectl set image');
    expect(details.did_not_work).toHaveLength(1);
    expect(details.did_not_work?.[0]).toMatch(/`health` failed ×\d \(exit 22\), last \d\d:\d\d$/);
    expect((firstBody(chat) as { text: string }).text.startsWith('<@U0123ABCD> ')).toBe(true);

    // The handoff, the end of the night, and the postmortem next morning.
    for (const args of [
      ['handoff', '--to', 'dana', '--no-send'],
      ['mitigate', 'max_connections back to 400'],
      ['resolve', 'stable for 15 minutes'],
      ['postmortem'],
    ]) {
      const r = await oncallAsync(box, args);
      expect(r.code, r.stderr).toBe(0);
    }
    const events = readEvents(box);
    const draft = readFileSync(
      join(box.home, 'incidents', String(events[0]?.incident), 'postmortem.md'),
      'utf8',
    );
    const rows = (draft.split('\n## Timeline\n')[1]?.split('\n## ')[0] ?? '')
      .split('\n')
      .filter((l) => /^\| \d{4}-/.test(l));
    expect(rows.length).toBeLessThan(events.length / 2);
    const timeline = rows.join('\n');
    for (const kept of [
      'incident declared at SEV2',
      'skipped: the 503 confirms the alert',
      'ran `kubectl --namespace web set image deployment/web web=registry.example.com/web:2024.06.11-3` → exit 0',
      'wait wait-healthy: polled `health`',
      'hypothesis: connection pool exhausted on db-1',
      'action: paused the deploy pipeline for web',
      'finding: db-1 pool at 100/100 connections',
      'severity SEV2 → SEV1: EU checkout down too',
      'escalation to Dana Okafor (sent via pager, chat, hook)',
      'offered the handoff to Dana Okafor (recorded, not sent)',
      'mitigated: max_connections back to 400',
      'resolved: stable for 15 minutes',
    ])
      expect(timeline).toContain(kept);
    expect(timeline).not.toMatch(/walk paused|step \S+ done/);
    expect(draft).toContain('| UTC | Event | Who |');
    expect(draft).toContain('```mermaid\ngantt');
    expect(draft).toContain('HTTP/2 503 {"status":"unavailable","db":"timeout"}');
  }, 120_000);
});
