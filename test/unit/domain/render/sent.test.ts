// A text for a person says whether it went: an escalation recorded with
// --no-send was written, not sent; one paged says through what, and one that
// waits or failed says so.
import { describe, expect, it } from 'vitest';
import { alertWords, sentIndex, sentWords } from '../../../../src/domain/render/sent.js';
import { event } from '../../../helpers/events.js';

const T = '2026-11-22T03:00:00.000Z';
const escalation = event('escalation', T, { to: 'dana', ask: 'Is db-1 healthy?' });
const queued = (channel: string, source = escalation.id, kind = 'escalation') =>
  event('delivery.queued', T, {
    delivery: `${source}/${channel}`,
    source,
    channel,
    via: 'slack',
    kind,
    target: {},
    request: {},
  });
const attempted = (channel: string, outcome: string, source = escalation.id) =>
  event('delivery.attempted', T, {
    delivery: `${source}/${channel}`,
    channel,
    attempt: 1,
    outcome,
    durationMs: 5,
  });

describe('whether a text for a person went', () => {
  it('nothing queued: recorded, not sent', () => {
    expect(sentWords(sentIndex([escalation]), escalation)).toBe('recorded, not sent');
  });

  it('a drill is never sent', () => {
    const drill = { ...escalation, drill: true as const };
    expect(sentWords(sentIndex([drill, queued('chat')]), drill)).toBe('drill, not sent');
  });

  it('delivered, waiting and failed, each by channel', () => {
    const events = [
      escalation,
      queued('pager'),
      queued('chat'),
      queued('teams'),
      attempted('pager', 'delivered'),
      attempted('chat', 'retry'),
      attempted('teams', 'failed'),
    ];
    expect(sentWords(sentIndex(events), escalation)).toBe(
      'sent via pager; waiting to send via chat; not delivered via teams',
    );
  });

  it('a failure requeued waits again; a delivery is final', () => {
    const requeued = event('delivery.requeued', T, { delivery: `${escalation.id}/chat` });
    const events = [escalation, queued('chat'), attempted('chat', 'failed'), requeued];
    expect(sentWords(sentIndex(events), escalation)).toBe('waiting to send via chat');
    const late = [
      escalation,
      queued('chat'),
      attempted('chat', 'delivered'),
      attempted('chat', 'failed'),
    ];
    expect(sentWords(sentIndex(late), escalation)).toBe('sent via chat');
  });

  it('a mitigation that acknowledged the pages says so', () => {
    const mitigated = event('incident.mitigated', T, { summary: 'rolled back' });
    const events = [
      mitigated,
      queued('pager', mitigated.id, 'acknowledge'),
      attempted('pager', 'delivered', mitigated.id),
    ];
    expect(alertWords(sentIndex(events), mitigated)).toBe('page acknowledged in PagerDuty');
    expect(alertWords(sentIndex([mitigated]), mitigated)).toBeUndefined();
  });
});
