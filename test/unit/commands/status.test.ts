// `oncall status` reads its clock times in the zone it is given (the
// responder's TZ), not in whatever zone the process happens to run in.
import { describe, expect, it } from 'vitest';
import { statusLines } from '../../../src/commands/status.js';
import { foldIncident } from '../../../src/incident/fold.js';
import { event } from '../../helpers/events.js';

const opened = event('incident.opened', '2026-11-22T02:14:00.000Z', {
  title: 'Checkout errors',
  severity: 'SEV2',
  nextUpdateDue: '2026-11-22T02:44:00.000Z',
});
const state = foldIncident([opened]);
const now = new Date('2026-11-22T02:20:00.000Z');

describe('statusLines', () => {
  it('shows the start, the milestones and the next update in the given zone', () => {
    const text = statusLines(state, [opened], now, 'America/New_York').join('\n');
    expect(text).toContain('6m since start (21:14)');
    expect(text).toContain('acknowledged 21:14');
    expect(text).toContain('next due by 21:44');
  });

  it('changes with the zone, not with the process', () => {
    const text = statusLines(state, [opened], now, 'Asia/Kolkata').join('\n');
    expect(text).toContain('6m since start (07:44)');
    expect(text).toContain('next due by 08:14');
  });

  it('says what waits in the outbox and what failed for good', () => {
    const queued = (delivery: string, ts: string) =>
      event('delivery.queued', ts, {
        delivery,
        source: delivery.split('.')[0],
        channel: 'chat',
        via: 'slack',
        kind: 'escalation',
        to: 'bob',
        toName: 'Bob Stone',
        target: { type: 'slack', urlEnv: 'SLACK_URL' },
        request: { body: {} },
      });
    const events = [
      opened,
      queued('a.chat', '2026-11-22T02:15:00.000Z'),
      queued('b.chat', '2026-11-22T02:16:00.000Z'),
      event('delivery.attempted', '2026-11-22T02:16:00.000Z', {
        delivery: 'b.chat',
        channel: 'chat',
        attempt: 1,
        outcome: 'failed',
        status: 400,
        error: 'HTTP 400: invalid_blocks',
        durationMs: 12,
      }),
    ];
    const text = statusLines(foldIncident(events), events, now, 'UTC').join('\n');
    expect(text).toContain('! 1 message waiting to send: `oncall outbox` shows it');
    expect(text).toContain(
      '✗ could not send the escalation to Bob Stone via Slack (chat): HTTP 400: invalid_blocks. Fix it, then `oncall outbox flush --failed`.',
    );
  });
});
