// When the service is down or slow, the responder is not held: the command
// returns within its delivery budget and the page waits in the outbox.
// Flushing retries it, every attempt is in the log, and once delivered it is
// never sent again, even by two flushes at once. Later commands retry due
// items in the background, and a failure for good is told at the next command.
// In process, with short delivery limits set through the context (the
// product's are seconds), the test's clock, and the background work run when
// the test says.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../../helpers/context.js';
import { deliveryBox } from '../../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import {
  type Box,
  oncall,
  type Result,
  readEvents,
  runBackground,
  startIncident,
  terminal,
} from '../../../helpers/in-process.js';

/** How long a command may wait for its deliveries, and one attempt: short, so a hang costs little. */
const LIMITS = { budgetMs: 600, attemptMs: 500 };
/** The budget, and slack for a loaded machine: a command bounded by it, not held by the hang. */
const BOUND_MS = LIMITS.budgetMs + 6_000;

let service: FakeService;
let box: Box;

async function run(args: string[], on: Box = box): Promise<Result & { ms: number }> {
  const started = performance.now();
  const r = await oncall(on, args);
  return { ...r, ms: performance.now() - started };
}

const attempts = () =>
  readEvents(box)
    .filter((e) => e.type === 'delivery.attempted')
    .map((e) => [e.attempt, e.outcome, e.status ?? null]);

afterEach(async () => {
  await service.close();
});

describe('PagerDuty down, slow, then back', () => {
  beforeEach(async () => {
    service = await fakeService({ status: 202, body: '{"status":"success"}' });
    box = deliveryBox({ pagerduty: service }, { delivery: LIMITS });
    await startIncident(box);
  });

  it('429, 500, a hang, then 202: never held long, every attempt logged, delivered once', async () => {
    service.script(
      { status: 429, headers: { 'Retry-After': '1' }, body: '{"status":"throttle event"}' },
      { status: 500, body: 'oops' },
      'hang',
    );
    const escalated = await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(escalated.code).toBe(0);
    expect(escalated.ms).toBeLessThan(BOUND_MS);
    expect(escalated.stderr).toMatch(
      /Not sent yet via PagerDuty \(pager\): HTTP 429: throttle event\. It waits in the outbox and is retried \(next try in \d+s\)/,
    );
    const listed = await run(['outbox']);
    expect(listed.stdout).toMatch(
      /^1 message waiting to send:\n {2}PagerDuty \(pager\) · escalation for Bob Stone · \d+s old · 1 attempt; held until \d\d:\d\d \(the channel asked for a pause: HTTP 429\): HTTP 429: throttle event\n/,
    );
    expect((await run(['status'])).stdout).toContain('! 1 message waiting to send');

    // PagerDuty's pause (at least 30 s after a 429) holds for every command, `outbox flush` too.
    const early = await run(['outbox', 'flush']);
    expect(early.code).toBe(1);
    expect(early.stdout).toMatch(
      /Not sent yet via PagerDuty \(pager\): it asked oncall to pause \(HTTP 429, Retry-After\) for \d+s more\./,
    );
    expect(service.received).toHaveLength(1);
    box.clock.advance(MINUTE);

    const second = await run(['outbox', 'flush']);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('Not sent yet via PagerDuty (pager): HTTP 500: oops.');

    const hung = await run(['outbox', 'flush']);
    expect(hung.code).toBe(1);
    expect(hung.ms).toBeLessThan(BOUND_MS);
    // The attempt's limit is the context's (0.5 s here; 4 s in the product).
    expect(hung.stdout).toMatch(/Not sent yet via PagerDuty \(pager\): no answer within 0\.\ds\./);

    const back = await run(['outbox', 'flush']);
    expect(back.code).toBe(0);
    expect(back.stdout).toBe('Paged Bob Stone via PagerDuty (pager).\n');

    const again = await run(['outbox', 'flush']);
    expect(again.stdout).toBe('Nothing waits to be sent.\n');
    expect(service.received).toHaveLength(4);
    expect(new Set(service.received.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(attempts()).toEqual([
      [1, 'retry', 429],
      [2, 'retry', 500],
      [3, 'retry', null],
      [4, 'delivered', 202],
    ]);
    expect(readEvents(box).find((e) => e.status === 429)).toMatchObject({ rateLimited: true });
  });

  it('a service that never answers: the command still returns within the bound', async () => {
    service.fallback({ status: 202 });
    service.script('hang');
    const r = await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.stderr).toContain('no answer within');
    expect(attempts()).toEqual([[1, 'retry', null]]);
  });

  it('a 400 fails for good: said at once, shown in status, not retried by a flush', async () => {
    service.script({
      status: 400,
      body: '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect"]}',
    });
    const r = await run(['escalate', '--to', 'bob', '--ask', 'x']);
    expect(r.stderr).toContain(
      "Could not send via PagerDuty (pager): HTTP 400: Event object is invalid: Length of 'routing_key' is incorrect; check that PD_ROUTING_KEY holds the Events API v2 integration key (32 characters) of the service. Fix it, then `oncall outbox flush --failed`.",
    );
    expect((await run(['status'])).stdout).toContain(
      '✗ could not send the escalation to Bob Stone via PagerDuty (pager): HTTP 400',
    );
    const flushed = await run(['outbox', 'flush']);
    expect(flushed.code).toBe(1);
    expect(flushed.stdout).toBe(
      'Nothing waits to be sent.\n1 failed for good: `oncall outbox` shows why; fix it, then `oncall outbox flush --failed`.\n',
    );
    expect(service.received).toHaveLength(1);
    const retried = await run(['outbox', 'flush', '--failed']);
    expect(retried.stdout).toBe('Paged Bob Stone via PagerDuty (pager).\n');
    expect(service.received).toHaveLength(2);
  });
});

describe('two terminals flushing at once', () => {
  beforeEach(async () => {
    service = await fakeService({ status: 500, body: 'down' });
    box = deliveryBox({ slack: service }, { delivery: LIMITS });
    await startIncident(box);
  });

  it('deliver each waiting item exactly once; an older update superseded is never sent', async () => {
    for (const ask of ['one', 'two', 'three']) await run(['escalate', '--to', 'bob', '--ask', ask]);
    await run(['update', 'first update']);
    await run(['update', 'second update']);
    const before = service.received.length;
    expect(before).toBe(5);
    // Each answer takes a while, so the two flushes overlap on the same items.
    service.fallback({ status: 200, body: 'ok', delayMs: 300 });
    const [a, b] = await Promise.all([
      run(['outbox', 'flush'], terminal(box)),
      run(['outbox', 'flush'], terminal(box)),
    ]);
    // Either flush may find an item the other is sending: it leaves it, says so
    // and exits 1 (a script learns it sent nothing of that item); never both.
    for (const r of [a, b]) {
      if (r.code !== 0) {
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/another oncall process \(pid \d+[^)]*\) is still sending it/);
      }
    }
    expect([a.code, b.code]).toContain(0);
    expect((await run(['outbox'])).stdout.startsWith('Nothing waits')).toBe(true);
    const sent = service.received
      .slice(before)
      .map((r) => /event ([0-9a-f-]{36})/.exec(JSON.stringify(r.body))?.[1]);
    const queued = readEvents(box).filter((e) => e.type === 'delivery.queued');
    const superseded = queued[3]?.source as string;
    const expected = queued.map((e) => e.source as string).filter((id) => id !== superseded);
    expect(sent.sort()).toEqual(expected.sort());
    const delivered = readEvents(box).filter((e) => e.outcome === 'delivered');
    expect(delivered).toHaveLength(4);
    expect((await run(['outbox'])).stdout).toBe('Nothing waits to be sent (4 delivered).\n');
  });
});

describe('later commands retry in the background', () => {
  beforeEach(async () => {
    service = await fakeService({ status: 503, body: 'down' });
    box = deliveryBox({ slack: service }, { delivery: LIMITS });
  });

  const flushDue = (id: string) => ['outbox', 'flush', '--due', '--quiet', '--incident', id];

  it('a note starts a flush that delivers; a later failure for good is told at the next command', async () => {
    const id = await startIncident(box);
    await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(service.received).toHaveLength(1);
    service.fallback({ status: 200, body: 'ok' });
    // Past any backoff: the next note finds the retry due and starts a flush, without waiting for it.
    box.clock.advance(10 * MINUTE);
    box.background.length = 0;
    await run(['note', 'still looking']);
    expect(box.background).toEqual([flushDue(id)]);
    expect(service.received).toHaveLength(1);
    await runBackground(box);
    expect(service.received).toHaveLength(2);
    expect(readEvents(box).some((e) => e.outcome === 'delivered')).toBe(true);

    service.fallback({ status: 503, body: 'down' });
    await run(['update', 'Rolled back']);
    service.fallback({ status: 400, body: 'invalid_blocks' });
    box.clock.advance(10 * MINUTE);
    const notes: Result[] = [await run(['note', 'still looking'])];
    expect(box.background).toContainEqual(flushDue(id));
    await runBackground(box);
    notes.push(await run(['note', 'told now']));
    notes.push(await run(['note', 'told only once']));
    const told = (r: Result) => r.stderr.includes('could not send');
    expect(notes.filter(told).map((r) => r.stderr)).toEqual([
      'warning: could not send the update via Slack (chat): HTTP 400: invalid_blocks. Fix it, then `oncall outbox flush --failed`.\n',
    ]);
    expect(told(notes[1] as Result)).toBe(true);
  });
});
