// escalateNow: what the runbook walker does for an escalate step. It reads the
// log and config like `oncall escalate`, records the escalation, and delivers
// it through the person's channels (none here: it is only recorded).
import { describe, expect, it } from 'vitest';
import { escalateNow } from '../../../src/texts/escalation.js';
import { eventsOf, startIncidentIn, teamContext } from '../../helpers/context.js';

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
});
