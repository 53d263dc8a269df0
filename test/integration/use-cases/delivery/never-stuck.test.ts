// Never stuck, never rude to a rate limit. A send lock whose process is gone
// is taken over at once; one held by a live process is waited for, and a
// flush that sends nothing because of it says so and exits 1. A command
// channel's whole process group ends at its deadline, its pipes not waited on.
// `outbox flush` has one budget for everything, channels and items side by
// side. A Slack 429 with Retry-After holds that channel for every command
// until it passes (contracts.md B5: Slack may disable an app that keeps
// sending when rate limited); what must wait, waits in the outbox.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryBox } from '../../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../../helpers/http-server.js';
import {
  type Box,
  oncall,
  readEvents,
  sandbox,
  startIncident,
  startWords,
  terminal,
} from '../../../helpers/in-process.js';

const LIMITS = { budgetMs: 600, attemptMs: 500 };
/** The budget, and room for a loaded machine: bounded by it, not by what hangs. */
const BOUND_MS = LIMITS.budgetMs + 6_000;

let service: FakeService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function timed(box: Box, args: string[]) {
  const started = performance.now();
  const r = await oncall(box, args);
  return { ...r, ms: performance.now() - started };
}

/** The send lock of the only queued delivery, as a sender would have left it. */
function leaveLock(box: Box, owner: string, ageMs = 0): string {
  const queued = readEvents(box).find((e) => e.type === 'delivery.queued');
  const dir = join(box.home, 'incidents', String(queued?.incident));
  const file = join(dir, `sending.${queued?.delivery}.lock`);
  writeFileSync(file, `${owner}\n`);
  const at = new Date(Date.now() - ageMs);
  utimesSync(file, at, at);
  return file;
}

/** A pid no process has any more. */
function deadPid(): number {
  return spawnSync('true').pid as number;
}

describe('send locks', () => {
  async function waitingEscalation(): Promise<Box> {
    service = await fakeService({ status: 200, body: 'ok' });
    const box = deliveryBox({ slack: service }, { delivery: LIMITS });
    await startIncident(box);
    service.script({ status: 503, body: 'down' });
    await oncall(box, ['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    return box;
  }

  it('a lock whose process is gone (killed mid-send) is taken over at once', async () => {
    const box = await waitingEscalation();
    leaveLock(box, `${deadPid()} ${hostname()} ${new Date().toISOString()}`);
    const r = await oncall(box, ['outbox', 'flush']);
    expect(r.stdout).toBe('Posted for Bob Stone to Slack (chat).\n');
    expect(r.code).toBe(0);
  });

  it('a lock of an older oncall (no host) whose process is gone is taken over too', async () => {
    const box = await waitingEscalation();
    leaveLock(box, `${deadPid()} ${new Date().toISOString()}`);
    expect((await oncall(box, ['outbox', 'flush'])).code).toBe(0);
  });

  it('a live sender is waited for; a flush that sent nothing because of it says who, and exits 1', async () => {
    const box = await waitingEscalation();
    const sender = spawn('sleep', ['30']);
    try {
      leaveLock(box, `${sender.pid} ${hostname()} ${new Date().toISOString()}`);
      const r = await timed(box, ['outbox', 'flush']);
      expect(r.code).toBe(1);
      expect(r.ms).toBeLessThan(BOUND_MS);
      expect(r.stdout).toContain(
        `Not sent by this command via Slack (chat): another oncall process (pid ${sender.pid}) is still sending it; \`oncall outbox\` shows how it went.`,
      );
      expect(service?.received).toHaveLength(1);
    } finally {
      sender.kill('SIGKILL');
    }
  });

  it('another host: its lock is trusted until old, then taken over', async () => {
    const box = await waitingEscalation();
    const lock = leaveLock(box, `4242 other-laptop ${new Date().toISOString()}`);
    const busy = await oncall(box, ['outbox', 'flush']);
    expect(busy.code).toBe(1);
    expect(busy.stdout).toContain('another oncall process (pid 4242 on other-laptop)');
    const old = new Date(Date.now() - 3 * 60_000);
    utimesSync(lock, old, old);
    expect((await oncall(box, ['outbox', 'flush'])).code).toBe(0);
  });
});

describe('a command channel that leaves children', () => {
  function scriptBox(script: string): { box: Box; pids: string } {
    const box = sandbox({}, { delivery: LIMITS });
    const file = join(box.cwd, 'send.sh');
    writeFileSync(file, script);
    chmodSync(file, 0o755);
    const pids = join(box.dir, 'pids');
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      [
        'channels:',
        `  sms: { type: command, argv: [./send.sh, "${pids}"] }`,
        'updates: [sms]',
      ].join('\n'),
    );
    return { box, pids };
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('a hung script and the child holding its pipes: the group ends at the deadline, not waited on', async () => {
    const { box, pids } = scriptBox(
      '#!/bin/sh\nsleep 30 &\necho $! >> "$1"\necho $$ >> "$1"\nsleep 30\n',
    );
    await oncall(box, startWords());
    const r = await timed(box, ['update', 'Rolled back 4.2']);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.stderr).toContain('Not sent yet via command (sms): no answer within 0.');
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started).toHaveLength(2);
    // SIGTERM went to the whole group: both are gone within a moment.
    for (let i = 0; i < 200 && started.some(alive); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(started.filter(alive)).toEqual([]);
  });

  it('a script that exits 0 and leaves a child holding stderr: delivered at once', async () => {
    const { box } = scriptBox('#!/bin/sh\nsleep 30 &\nexit 0\n');
    await oncall(box, startWords());
    const r = await timed(box, ['update', 'Rolled back 4.2']);
    expect(r.stderr).toContain('Sent through send.sh (sms).');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });
});

describe('outbox flush', () => {
  it('four messages waiting on a hanging Slack: one budget for all, not one timeout after another', async () => {
    service = await fakeService({ status: 200, body: 'ok' });
    const budget = { budgetMs: 1_500, attemptMs: 1_200 };
    const box = deliveryBox({ slack: service }, { delivery: budget });
    await startIncident(box);
    service.script(...Array(4).fill({ status: 503, body: 'down' }));
    for (const ask of ['one', 'two', 'three', 'four'])
      await oncall(box, ['escalate', '--to', 'bob', '--ask', ask]);
    service.script(...Array(4).fill('hang'));
    const r = await timed(box, ['outbox', 'flush']);
    expect(service.received).toHaveLength(8);
    expect(r.code).toBe(1);
    // One after another would be 4 x 1.2 s.
    expect(r.ms).toBeLessThan(budget.budgetMs + 1_500);
    expect(r.stdout.match(/no answer within/g)).toHaveLength(4);
  });
});

describe('a 429 with Retry-After', () => {
  it('holds the channel for every command until it passes; what waits goes after', async () => {
    service = await fakeService({ status: 200, body: 'ok' });
    const box = deliveryBox({ slack: service }, { delivery: LIMITS });
    await startIncident(box);
    service.script({ status: 429, headers: { 'Retry-After': '20' }, body: 'rate_limited' });
    await oncall(box, ['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?']);
    expect(service.received).toHaveLength(1);

    box.clock.advance(2_000);
    const again = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'Any news?']);
    expect(again.stderr).toContain(
      'Not sent yet via Slack (chat): it asked oncall to pause (HTTP 429, Retry-After) for 18s more. It waits in the outbox and goes after that',
    );
    // Another terminal, and a flush asked for by hand: held too.
    const other = terminal(box);
    expect((await oncall(other, ['update', 'Rolled back'])).stderr).toContain(
      'asked oncall to pause',
    );
    expect((await oncall(other, ['outbox', 'flush'])).code).toBe(1);
    expect(service.received).toHaveLength(1);
    expect((await oncall(box, ['outbox'])).stdout).toContain(
      'held until 02:10 (the channel asked for a pause: HTTP 429)',
    );
    expect((await oncall(box, ['status'])).stdout).toContain(
      '! chat asked for a pause (HTTP 429): nothing goes to it until 02:10',
    );

    box.clock.advance(20_000);
    const flushed = await oncall(box, ['outbox', 'flush']);
    expect(flushed.code).toBe(0);
    expect(service.received).toHaveLength(4);
  });
});

describe('a Retry-After past any sensible pause', () => {
  // A year, and more seconds than a date can hold: held an hour at most, never a crash.
  it.each([
    ['a year', String(365 * 24 * 3600)],
    ['more seconds than a date holds', '99999999999999999999'],
    ['a date centuries on', 'Fri, 31 Dec 2500 23:59:59 GMT'],
  ])('%s holds the channel for an hour, then it goes', async (_, header) => {
    service = await fakeService({ status: 200, body: 'ok' });
    const box = deliveryBox({ slack: service }, { delivery: LIMITS });
    await startIncident(box);
    box.clock.advance(60_000);
    service.script({ status: 429, headers: { 'Retry-After': header }, body: 'rate_limited' });
    const r = await oncall(box, ['update', 'Rolled back']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'HTTP 429: rate_limited. It waits in the outbox and is retried (next try in 1h 00m)',
    );
    expect((await oncall(box, ['outbox'])).stdout).toContain(
      'held until 03:11 (the channel asked for a pause: HTTP 429)',
    );

    box.clock.advance(60 * 60_000);
    expect((await oncall(box, ['outbox', 'flush'])).code).toBe(0);
    expect(service.received).toHaveLength(2);
  });
});
