// When the service is down or slow, the responder is not held: the command
// returns within about five seconds and the page waits in the outbox. Flushing
// retries it, every attempt is in the log, and once delivered it is never
// sent again, even by two flushes at once. Later commands retry due items in
// the background, and a failure for good is told at the next command.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { oncallAsync, type Result, readEvents, type Sandbox } from '../../helpers/cli.js';
import { deliverySandbox } from '../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../helpers/http-server.js';

// Each test spawns a dozen CLIs and waits out real timeouts: generous on a shared machine.
vi.setConfig({ testTimeout: 90_000 });

/** About five seconds, and some slack for a loaded machine starting Node. */
const BOUND_MS = 7_000;

let service: FakeService;
let box: Sandbox;

async function run(args: string[]): Promise<Result & { ms: number }> {
  const started = Date.now();
  const r = await oncallAsync(box, args);
  return { ...r, ms: Date.now() - started };
}

async function start(): Promise<void> {
  const r = await run([
    'start',
    '--title',
    'Checkout returns 500',
    '--sev',
    'SEV2',
    '--no-input',
    '--runbook',
    'none',
  ]);
  expect(r.code).toBe(0);
}

const attempts = () =>
  readEvents(box)
    .filter((e) => e.type === 'delivery.attempted')
    .map((e) => [e.attempt, e.outcome, e.status ?? null]);

afterEach(async () => {
  await service.close();
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

describe('PagerDuty down, slow, then back', () => {
  beforeEach(async () => {
    service = await fakeService({ status: 202, body: '{"status":"success"}' });
    box = deliverySandbox({ pagerduty: service });
  });

  it('429, 500, a hang, then 202: never held long, every attempt logged, delivered once', async () => {
    await start();
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
      /^1 message waiting to send:\n {2}PagerDuty \(pager\) · escalation for Bob Stone · \d+s old · 1 attempt; next try \d\d:\d\d: HTTP 429: throttle event\n/,
    );
    expect((await run(['status'])).stdout).toContain('! 1 message waiting to send');

    const second = await run(['outbox', 'flush']);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('Not sent yet via PagerDuty (pager): HTTP 500: oops.');

    const hung = await run(['outbox', 'flush']);
    expect(hung.code).toBe(1);
    expect(hung.ms).toBeLessThan(BOUND_MS);
    expect(hung.stdout).toMatch(/Not sent yet via PagerDuty \(pager\): no answer within 4\.\ds\./);

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
    await start();
    service.fallback({ status: 202 });
    service.script('hang');
    const r = await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.stderr).toContain('no answer within');
    expect(attempts()).toEqual([[1, 'retry', null]]);
  });

  it('a 400 fails for good: said at once, shown in status, not retried by a flush', async () => {
    await start();
    service.script({
      status: 400,
      body: '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect"]}',
    });
    const r = await run(['escalate', '--to', 'bob', '--ask', 'x']);
    expect(r.stderr).toContain(
      "Could not send via PagerDuty (pager): HTTP 400: Event object is invalid: Length of 'routing_key' is incorrect. Fix it, then `oncall outbox flush --failed`.",
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
    box = deliverySandbox({ slack: service });
  });

  it('deliver each waiting item exactly once; an older update superseded is never sent', async () => {
    await start();
    for (const ask of ['one', 'two', 'three']) await run(['escalate', '--to', 'bob', '--ask', ask]);
    await run(['update', 'first update']);
    await run(['update', 'second update']);
    // Later commands may already have retried in the background: all got 500 so far.
    const before = service.received.length;
    service.fallback({ status: 200, body: 'ok', delayMs: 300 });
    const [a, b] = await Promise.all([run(['outbox', 'flush']), run(['outbox', 'flush'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // A background flush started by an earlier command may still be finishing its item.
    await waitUntil(async () => (await run(['outbox'])).stdout.startsWith('Nothing waits'));
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
    box = deliverySandbox({ slack: service });
  });

  /** Types notes (as a responder would) until `done` holds; fails after `timeoutMs`. */
  async function notesUntil(done: () => boolean, results: Result[] = []): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      results.push(await oncallAsync(box, ['note', 'still looking']));
    }
  }

  it('a note starts a flush that delivers; a later failure for good is told at the next command', async () => {
    await start();
    await run(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(service.received).toHaveLength(1);
    service.fallback({ status: 200, body: 'ok' });
    await notesUntil(() => service.received.length >= 2);
    await notesUntil(() => readEvents(box).some((e) => e.outcome === 'delivered'));
    expect(service.received).toHaveLength(2);

    service.fallback({ status: 503, body: 'down' });
    await run(['update', 'Rolled back']);
    service.fallback({ status: 400, body: 'invalid_blocks' });
    const notes: Result[] = [];
    const told = (r: Result) => r.stderr.includes('could not send');
    await notesUntil(() => {
      const last = notes.at(-1);
      return last !== undefined && told(last);
    }, notes);
    notes.push(await oncallAsync(box, ['note', 'told only once']));
    expect(notes.filter(told).map((r) => r.stderr)).toEqual([
      'warning: could not send the update via Slack (chat): HTTP 400: invalid_blocks. Fix it, then `oncall outbox flush --failed`.\n',
    ]);
  });
});
