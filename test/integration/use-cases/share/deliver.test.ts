// Only the responder who recorded a delivery sends it: a message waiting in
// Alice's outbox reaches Bob's laptop with the sync (he sees her events), but
// it is not in Bob's outbox, his status does not count it, and his flush does
// not send it. A sync never sends a message twice.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli.js';
import { resolveIncident } from '../../../../src/infra/store/incidents.js';
import { record } from '../../../../src/use-cases/journal/record.js';
import { startIncidentIn, type TestContext, teamContext } from '../../../helpers/context.js';
import { bareRepo } from '../../../helpers/share.js';

const argv = (...args: string[]) => ['node', 'oncall', ...args];

async function ok(ctx: TestContext, ...args: string[]): Promise<string> {
  const code = await runCli(argv(...args), ctx);
  expect(code, ctx.stderr.text).toBe(0);
  return ctx.stdout.take();
}

describe('deliveries on a shared incident', () => {
  it("stay with the responder who recorded them: a peer's outbox is not ours", async () => {
    const remote = bareRepo();
    const alice = teamContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const bob = teamContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    const id = await startIncidentIn(alice);
    await ok(alice, 'share', '--remote', remote);
    // A status update Alice's laptop could not post yet: it waits in her outbox.
    record(alice, resolveIncident(alice.home), [
      {
        type: 'delivery.queued',
        delivery: 'update-1:chat',
        source: 'update-1',
        channel: 'chat',
        via: 'webhook',
        kind: 'update',
        collapse: 'update',
        target: { url: 'https://hooks.example.com/x' },
        request: { body: { text: 'Still investigating' } },
      },
    ]);
    await ok(alice, 'sync');
    await ok(bob, 'join', id, '--remote', remote);

    const timeline = JSON.parse(await ok(bob, 'timeline', '--json')) as { type: string }[];
    expect(timeline.map((e) => e.type)).toContain('delivery.queued');
    expect(JSON.parse(await ok(bob, 'status', '--json')).outbox.waiting).toBe(0);
    expect(await ok(bob, 'status')).not.toContain('waiting');
    expect(await ok(bob, 'outbox', 'flush')).toContain('Nothing waits to be sent.');
    expect(JSON.parse(await ok(alice, 'status', '--json')).outbox.waiting).toBe(1);
  }, 60_000);
});
