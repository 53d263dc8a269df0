// What only the built bin proves about delivery: a flush killed with SIGKILL
// mid-send (nothing of oncall's can run) leaves its send lock, and the next
// flush takes it over at once, since its process is gone; Ctrl-C during an
// escalation that waits on a hanging Slack leaves no lock, and the next flush
// sends the message. Every wait polls with a deadline.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  oncallAsync,
  onlyIncidentId,
  readEvents,
  type Sandbox,
  sandbox,
  startIncident,
} from '../../helpers/cli.js';
import { SLACK_PATH } from '../../helpers/delivery.js';
import { type FakeService, fakeService } from '../../helpers/http-server.js';
import { BIN } from '../../helpers/paths.js';
import { KEY, spawnOncall } from '../../helpers/pty.js';

let slack: FakeService;
let box: Sandbox;

beforeEach(async () => {
  slack = await fakeService({ status: 200, body: 'ok' });
  box = sandbox({ SLACK_WEBHOOK_URL: `${slack.url}${SLACK_PATH}` });
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    [
      'channels:',
      '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }',
      'contacts:',
      '  bob: { name: Bob Stone, reach: [chat] }',
    ].join('\n'),
  );
  await startIncident(box);
});
afterEach(async () => {
  await slack.close();
});

/** `oncall outbox flush` killed with SIGKILL once its send (the `requests`th) hangs. */
async function killedFlush(requests: number): Promise<void> {
  slack.script('hang');
  const flush = spawn(process.execPath, [BIN, 'outbox', 'flush'], {
    cwd: box.cwd,
    env: box.env,
    stdio: 'ignore',
  });
  const ended = new Promise((done) => flush.on('close', done));
  await slack.waitFor(requests);
  flush.kill('SIGKILL');
  await ended;
}

const locks = () =>
  readdirSync(join(box.home, 'incidents', onlyIncidentId(box))).filter((f) =>
    f.startsWith('sending.'),
  );

describe('a sender that dies mid-send', () => {
  it('SIGKILL of a flush leaves its lock; the next flush takes it over at once and sends', async () => {
    slack.script({ status: 503, body: 'down' });
    const first = await oncallAsync(box, [
      'escalate',
      '--to',
      'bob',
      '--ask',
      'Is the primary healthy?',
    ]);
    expect(first.stderr).toContain('Not sent yet via Slack (chat): HTTP 503: down.');

    await killedFlush(2);
    expect(locks()).toHaveLength(1);

    const started = Date.now();
    const next = await oncallAsync(box, ['outbox', 'flush']);
    expect(next.stdout).toBe('Posted for Bob Stone to Slack (chat).\n');
    expect(next.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(slack.received).toHaveLength(3);
    expect(locks()).toEqual([]);
  });

  it("four flushes at once over a killed sender's lock: each message sent exactly once", async () => {
    // Not due again for ten minutes: no later command starts a background flush meanwhile.
    const down = { status: 503, body: 'down', headers: { 'Retry-After': '600' } };
    slack.script(down, down, down);
    for (const ask of ['one', 'two', 'three'])
      await oncallAsync(box, ['escalate', '--to', 'bob', '--ask', ask]);
    await killedFlush(4);
    expect(locks().length).toBeGreaterThan(0);
    const before = slack.received.length;
    // Slow answers, so the four overlap on every message.
    slack.fallback({ status: 200, body: 'ok', delayMs: 300 });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => oncallAsync(box, ['outbox', 'flush'])),
    );
    // A flush whose budget ends while another live flush still sends a message
    // leaves it to that one, says so and exits 1 by design (a slow machine gets
    // there); never all four, and never a message sent twice or lost.
    for (const r of results) {
      if (r.code !== 0) {
        expect(r.code, r.stderr).toBe(1);
        expect(r.stdout + r.stderr).toMatch(
          /another oncall process \(pid \d+[^)]*\) is still sending it/,
        );
      }
    }
    expect(results.map((r) => r.code)).toContain(0);
    const asks = slack.received
      .slice(before)
      .map((r) => /"\*The ask:\* (\w+)"/.exec(r.raw)?.[1])
      .sort();
    expect(asks).toEqual(['one', 'three', 'two']);
    expect(locks()).toEqual([]);
  });

  it('Ctrl-C during escalate leaves no lock; the next flush sends the message', async () => {
    slack.script('hang');
    const term = spawnOncall(['escalate', '--to', 'bob', '--ask', 'Is the primary healthy?'], box);
    // On a terminal the escalation is shown rendered: no Markdown markers.
    await term.waitFor('The ask: Is the primary healthy?');
    await slack.waitFor(1);
    term.press(KEY.ctrlC);
    await term.exit;
    // Ended by Ctrl-C mid-send: the escalation and its delivery recorded, no attempt.
    const types = readEvents(box).map((e) => e.type);
    expect(types).toContain('delivery.queued');
    expect(types).not.toContain('delivery.attempted');
    expect(locks()).toEqual([]);

    const next = await oncallAsync(box, ['outbox', 'flush']);
    expect(next.stdout).toBe('Posted for Bob Stone to Slack (chat).\n');
    expect(next.code).toBe(0);
    expect(slack.received).toHaveLength(2);
  });
});
