// A delivery message as the commands build it from an escalation: the tests of
// the channel builders, the outbox and the requests share it.
import type { Message } from '../../src/domain/delivery/message.js';
import type { OncallEvent } from '../../src/domain/incident/events.js';

export const EVENT_ID = '0195d0c4-1a2b-7c3d-8e4f-0123456789ab';

const event = {
  v: 1,
  id: EVENT_ID,
  incident: '2026-03-12-0210-checkout-returns-500',
  ts: '2026-03-12T02:25:00.000Z',
  actor: 'alice@host',
  type: 'escalation',
  to: 'bob',
  toName: 'Bob Stone',
  ask: 'Is the primary healthy?',
} as OncallEvent;

export function escalationFixture(overrides: Partial<Message> = {}): Message {
  return {
    kind: 'escalation',
    event,
    incident: {
      id: '2026-03-12-0210-checkout-returns-500',
      title: 'Checkout returns 500',
      severity: 'SEV2',
      status: 'active',
      statusText: 'Investigating',
      service: 'checkout',
      commander: 'Alice Chen',
    },
    headline: 'Escalation to Bob Stone: Checkout returns 500',
    markdown:
      '**Escalation to Bob Stone: Checkout returns 500**\n**The ask:** Is the primary healthy?\n- 02:12 rolled back <4.2> & watched\n',
    ask: 'Is the primary healthy?',
    impact: 'EU checkout fails for 30% · trend: steady',
    sections: [
      {
        key: 'tried',
        title: 'Tried',
        items: ['02:12 rolled back 4.2', '02:15 restarted the pool'],
      },
      { key: 'ruled_out', title: 'Ruled out', items: ['02:20 DNS'] },
    ],
    to: { key: 'bob', name: 'Bob Stone' },
    links: [{ name: 'dashboard', url: 'https://grafana.example.com/d/checkout' }],
    ...overrides,
  };
}
