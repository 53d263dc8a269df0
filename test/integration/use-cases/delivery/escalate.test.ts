// Delivery seen from the commands, in process and without a network: a secret
// that is not set keeps the message waiting (and says which variable), a reach
// naming a channel config lacks is a warning, a drill reaches nobody, and the
// outbox lists what waits with its last error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escalateCommand } from '../../../../src/commands/escalate/definition.js';
import { escalate } from '../../../../src/commands/escalate/escalate.js';
import { outboxListCommand } from '../../../../src/commands/outbox/definition.js';
import { outboxList } from '../../../../src/commands/outbox/outbox.js';
import { eventsOf, MINUTE, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

const CONFIG = `channels:
  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }
contacts:
  bob: { name: Bob Stone, phone: "+1 555 0101", reach: [chat, pagr] }
`;

const OPENED = (drill: boolean) =>
  `${JSON.stringify({
    v: 1,
    id: '0195d0c4-0000-7000-8000-000000000001',
    incident: 'inc',
    ts: '2026-03-12T02:10:00.000Z',
    actor: 'alice@host',
    type: 'incident.opened',
    title: 'Checkout returns 500',
    severity: 'SEV2',
    nextUpdateDue: null,
    ...(drill ? { drill: true } : {}),
  })}\n`;

function withIncident(drill = false) {
  const ctx = testContext({ config: CONFIG });
  const dir = join(ctx.home, 'incidents', 'inc');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.jsonl'), OPENED(drill));
  writeFileSync(join(ctx.home, 'active'), 'inc\n');
  return ctx;
}

describe('escalate through channels, in process', () => {
  it('a secret not set: recorded, waits in the outbox naming the variable; an unknown channel is a warning', async () => {
    const ctx = withIncident();
    await invoke(ctx, escalate, escalateCommand, { to: 'bob', ask: 'Is db-1 healthy?' });
    expect(ctx.stderr.take().split('\n')).toEqual([
      'Escalation to Bob Stone recorded at 02:10.',
      `warning: bob's reach names "pagr", which is not a channel in config; not sent there (\`oncall doctor\` checks this)`,
      expect.stringMatching(
        /^Not sent yet via Slack \(chat\): SLACK_WEBHOOK_URL is not set\. It waits in the outbox and is retried \(next try in \d+s\); `oncall outbox` shows it\.$/,
      ),
      '',
    ]);
    const types = eventsOf(ctx).map((e) => e.type);
    expect(types).toEqual([
      'incident.opened',
      'escalation',
      'delivery.queued',
      'delivery.attempted',
    ]);
    ctx.clock.advance(3 * MINUTE);
    ctx.stdout.take();
    await invoke(ctx, outboxList, outboxListCommand, {});
    expect(ctx.stdout.take()).toMatch(
      /^1 message waiting to send:\n {2}Slack \(chat\) · escalation for Bob Stone · 3m old · 1 attempt; next try 02:1\d: SLACK_WEBHOOK_URL is not set\nSend now: `oncall outbox flush`\.\n$/,
    );
  });

  it('in a drill nothing is delivered: it says where it would have gone', async () => {
    const ctx = withIncident(true);
    await invoke(ctx, escalate, escalateCommand, { to: 'bob', ask: 'Is db-1 healthy?' });
    expect(ctx.stderr.take()).toContain('Drill: not sent (it would go via Slack (chat)).');
    expect(eventsOf(ctx).map((e) => e.type)).toEqual(['incident.opened', 'escalation']);
  });
});
