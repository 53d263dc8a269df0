// escalationText: what the runbook walker shows for an escalate step. It reads
// the log and config like `oncall escalate`, but records nothing itself.
import { describe, expect, it } from 'vitest';
import { escalationText } from '../../../src/texts/escalation.js';
import { eventsOf, startIncidentIn, teamContext } from '../../helpers/context.js';

describe('escalationText (for the runbook walker)', () => {
  it('renders the summary without recording anything', async () => {
    const ctx = teamContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    const text = await escalationText(ctx, { to: 'bob', ask: 'Fail over db-1' });
    expect(text).toContain('**Escalation to Bob Stone: Checkout returns 500**');
    expect(text).toContain('**The ask:** Fail over db-1');
    expect(eventsOf(ctx)).toHaveLength(before);
  });
});
