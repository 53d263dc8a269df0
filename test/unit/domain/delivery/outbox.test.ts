// The outbox as a fold over delivery events: what waits, what went, what
// failed for good, what a newer message superseded, and when retries are due.
import { describe, expect, it } from 'vitest';
import { backoffMs, nextAttemptAt } from '../../../../src/domain/delivery/backoff.js';
import {
  dueItems,
  foldOutbox,
  nextDue,
  openAlerts,
  waiting,
  waitingLine,
} from '../../../../src/domain/delivery/outbox.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';

let n = 0;
const at = (minute: number) => `2026-03-12T02:${String(minute).padStart(2, '0')}:00.000Z`;
const envelope = (minute: number) => ({
  v: 1,
  id: `e${++n}`,
  incident: 'i',
  ts: at(minute),
  actor: 'alice@host',
});

function queued(
  delivery: string,
  minute: number,
  extra: Record<string, unknown> = {},
): OncallEvent {
  return {
    ...envelope(minute),
    type: 'delivery.queued',
    delivery,
    source: delivery.split('.')[0],
    channel: 'chat',
    via: 'slack',
    kind: 'escalation',
    target: { type: 'slack', urlEnv: 'SLACK_URL' },
    request: { body: {} },
    ...extra,
  } as OncallEvent;
}

function attempted(
  delivery: string,
  minute: number,
  outcome: 'delivered' | 'retry' | 'failed',
  extra: Record<string, unknown> = {},
): OncallEvent {
  return {
    ...envelope(minute),
    type: 'delivery.attempted',
    delivery,
    channel: 'chat',
    attempt: 1,
    outcome,
    durationMs: 10,
    ...extra,
  } as OncallEvent;
}

describe('the outbox fold', () => {
  it('a queued item waits; a delivered one is done for good, whatever is recorded later', () => {
    const events = [
      queued('a.chat', 10),
      queued('b.chat', 11),
      attempted('a.chat', 11, 'delivered', { status: 200 }),
      attempted('a.chat', 12, 'retry', { attempt: 2, error: 'late record' }),
    ];
    const outbox = foldOutbox(events);
    expect(outbox.items.map((i) => [i.delivery, i.state])).toEqual([
      ['a.chat', 'delivered'],
      ['b.chat', 'waiting'],
    ]);
    expect(outbox.items[0]).toMatchObject({ deliveredAt: at(11), attempts: 1 });
    expect(waitingLine(waiting(outbox).length)).toBe('1 message waiting to send');
    expect(waitingLine(3)).toBe('3 messages waiting to send');
  });

  it('a retry is due at its time; a 429 pauses the whole channel', () => {
    const events = [
      queued('a.chat', 10),
      queued('b.chat', 10),
      attempted('a.chat', 10, 'retry', { status: 429, nextAttemptAt: at(20), rateLimited: true }),
      attempted('b.chat', 10, 'retry', { status: 500, nextAttemptAt: at(12) }),
    ];
    const outbox = foldOutbox(events);
    expect(outbox.pausedUntil).toEqual({ chat: at(20) });
    expect(dueItems(outbox, new Date(at(15)))).toEqual([]);
    expect(dueItems(outbox, new Date(at(20))).map((i) => i.delivery)).toEqual(['a.chat', 'b.chat']);
    expect(nextDue(outbox, new Date(at(11)))).toBe(at(20));
  });

  it('failed for good stays failed until requeued; then it waits again', () => {
    const events: OncallEvent[] = [
      queued('a.chat', 10),
      attempted('a.chat', 10, 'failed', { status: 400, error: 'HTTP 400: invalid_blocks' }),
    ];
    expect(foldOutbox(events).items[0]).toMatchObject({
      state: 'failed',
      last: { outcome: 'failed', status: 400, error: 'HTTP 400: invalid_blocks' },
    });
    events.push({ ...envelope(12), type: 'delivery.requeued', delivery: 'a.chat' } as OncallEvent);
    expect(foldOutbox(events).items[0]?.state).toBe('waiting');
  });

  it('status updates collapse: only the newest to a channel waits', () => {
    const update = { kind: 'update', collapse: 'update/chat' };
    const events = [
      queued('u1.chat', 10, update),
      attempted('u1.chat', 10, 'delivered'),
      queued('u2.chat', 20, update),
      queued('u3.chat', 30, update),
    ];
    expect(foldOutbox(events).items.map((i) => i.state)).toEqual([
      'delivered',
      'superseded',
      'waiting',
    ]);
  });

  it('open PagerDuty alerts: triggered and not resolved since', () => {
    const pd = (who: string) => ({
      channel: 'pager',
      via: 'pagerduty',
      to: who,
      dedupKey: `oncall/i/${who}`,
      collapse: `alert/pager/oncall/i/${who}`,
    });
    const events = [
      queued('e1.pager', 10, pd('bob')),
      queued('e2.pager', 11, pd('carol')),
      queued('e3.pager.carol', 12, { ...pd('carol'), kind: 'resolve' }),
    ];
    expect(openAlerts(foldOutbox(events))).toEqual([
      {
        channel: 'pager',
        dedupKey: 'oncall/i/bob',
        to: 'bob',
        target: { type: 'slack', urlEnv: 'SLACK_URL' },
      },
    ]);
  });
});

describe('backoff', () => {
  it('full jitter: between zero and base * 2^(attempt-1), capped at five minutes', () => {
    expect(backoffMs(1, () => 0.999)).toBe(4995);
    expect(backoffMs(3, () => 0.5)).toBe(10_000);
    expect(backoffMs(20, () => 0.999)).toBe(299_700);
    expect(backoffMs(2, () => 0)).toBe(0);
  });

  it('never sooner than the server asked', () => {
    const now = new Date(at(0));
    expect(nextAttemptAt(now, 1, 30_000, () => 0.1)).toBe('2026-03-12T02:00:30.000Z');
    expect(nextAttemptAt(now, 1, 0, () => 0.5)).toBe('2026-03-12T02:00:02.500Z');
  });
});
