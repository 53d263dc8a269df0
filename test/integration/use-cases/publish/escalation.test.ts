// escalateNow: what the runbook walker does for an escalate step. It reads the
// log and config like `oncall escalate`, records the escalation, and delivers
// it through the person's channels (none here: it is only recorded).
import { describe, expect, it } from 'vitest';
import { escalateNow } from '../../../../src/use-cases/publish/escalation.js';
import { eventsOf, startIncidentIn, teamContext, testContext } from '../../../helpers/context.js';
import { slackUrl } from '../../../helpers/delivery.js';
import { fakeService } from '../../../helpers/http-server.js';

describe('escalateNow (for the runbook walker)', () => {
  it('renders the summary, records the escalation, prints nothing itself', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const { text, sent } = await escalateNow(ctx, { to: 'bob', ask: 'Fail over db-1' });
    expect(text).toContain('**Escalation to Bob Stone: Checkout returns 500**');
    expect(text).toContain('**The ask:** Fail over db-1');
    expect(sent).toEqual([]);
    expect(eventsOf(ctx)).toHaveLength(before + 1);
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'escalation',
      to: 'bob',
      ask: 'Fail over db-1',
    });
    expect(ctx.stdout.text).toBe('');
  });

  it('delivers through the contact’s channels, as `oncall escalate` does', async () => {
    const slack = await fakeService({ status: 200, body: 'ok' });
    try {
      const ctx = testContext({
        config:
          'channels:\n  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }\ncontacts:\n  bob: { name: Bob Stone, reach: [chat] }\n',
        env: { SLACK_WEBHOOK_URL: slackUrl(slack.url) },
      });
      await startIncidentIn(ctx);
      const { sent } = await escalateNow(ctx, { to: 'bob', ask: 'Fail over db-1' });
      expect(sent).toEqual(['Posted for Bob Stone to Slack (chat).']);
      expect(slack.received).toHaveLength(1);
      expect(
        eventsOf(ctx)
          .map((e) => e.type)
          .slice(-3),
      ).toEqual(['escalation', 'delivery.queued', 'delivery.attempted']);
    } finally {
      await slack.close();
    }
  });
});
