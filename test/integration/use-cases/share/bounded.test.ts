// Every sync is bounded, in process with short limits and a test's waits: a
// git run the stall limits cannot end (a TLS handshake that never comes back)
// is ended by its deadline, its whole process group with it; a background
// sync that cannot reach the remote keeps trying with backoff, says so in
// status, and delivers once the remote is back; it stops at once when trying
// again cannot help, and for good 15 minutes after the newest unshared event.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { shareCommand, syncCommand } from '../../../../src/commands/share/definition.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { startIncidentIn, type TestContext, testContext } from '../../../helpers/context.js';
import {
  endMarked,
  marker,
  processesMarked,
  type Running,
  silentServer,
} from '../../../helpers/git-servers.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo, fakeSsh, responderFile } from '../../../helpers/share.js';

const mark = marker();
const servers: Running[] = [];
afterEach(async () => {
  endMarked(mark);
  for (const s of servers.splice(0)) await s.close();
});

const SHORT = {
  networkMs: 1_500,
  firstFetchMs: 1_500,
  localMs: 10_000,
  lowSpeedSeconds: 60,
  sshSeconds: 60,
  graceMs: 300,
};

function laptop(env: NodeJS.ProcessEnv = {}): TestContext {
  const ctx = testContext({ env: { ONCALL_ACTOR: 'alice@a', [mark.name]: mark.value, ...env } });
  ctx.shareLimits = SHORT;
  return ctx;
}

async function failure(run: Promise<void>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const shareJson = (ctx: TestContext, id: string) =>
  JSON.parse(readFileSync(join(ctx.home, 'incidents', id, 'share.json'), 'utf8'));

describe('the hard deadline', () => {
  it('ends a git run no stall limit covers, and its whole process group', async () => {
    const server = await silentServer();
    servers.push(server);
    const ctx = laptop();
    await startIncidentIn(ctx);
    // https: git waits in the TLS handshake, where curl's low-speed check does not run.
    const url = `https://127.0.0.1:${new URL(server.url).port}/team/incidents.git`;
    const started = performance.now();
    const error = await failure(invoke(ctx, share, shareCommand, { remote: url }));
    expect(error.message).toContain(`cannot reach ${url} (timed out)`);
    expect(performance.now() - started).toBeLessThan(SHORT.networkMs + SHORT.graceMs + 5_000);
    expect(processesMarked(mark)).toEqual([]);
  });
});

describe('a background sync that cannot reach the remote', () => {
  it('keeps trying with backoff, says so in status, and delivers once the remote is back', async () => {
    const remote = bareRepo();
    const ssh = fakeSsh();
    const ctx = laptop({ GIT_SSH_COMMAND: ssh.command });
    const id = await startIncidentIn(ctx);
    await invoke(ctx, share, shareCommand, { remote: `ssh://git@fake${remote}` });
    writeFileSync(ssh.down, '');
    for (const text of ['one', 'two', 'three'])
      await invoke(ctx, note, noteCommand, { text: [text] });

    const waits: number[] = [];
    let seen = '';
    ctx.sleep = async (ms) => {
      waits.push(ms);
      ctx.clock.advance(ms);
      // While it waits to try again, status says why and when.
      const retry = shareJson(ctx, id).retry;
      if (retry?.attempt === 3) {
        ctx.stdout.take();
        await invoke(ctx, status, statusCommand, {});
        seen = ctx.stdout.take();
        unlinkSync(ssh.down);
      }
    };
    await invoke(ctx, sync, syncCommand, { background: true });
    expect(seen).toMatch(
      /! 3 events not yet shared: cannot reach ssh:\/\/git@fake\S+ \(.*Network is unreachable\) \(attempt 3, next in \d+s\)/,
    );
    // The quiet 300 ms, then waits that grow: 2, 4, 8 s with jitter.
    const retries = waits.filter((ms) => ms !== 300);
    expect(retries).toHaveLength(3);
    expect(retries[0]).toBeGreaterThanOrEqual(1_000);
    expect(retries[2]).toBeGreaterThan(retries[0] as number);
    for (const text of ['one', 'two', 'three'])
      expect(responderFile(remote, id, 'alice@a')).toContain(text);
    const after = shareJson(ctx, id);
    expect(after.retry).toBeUndefined();
    expect(after.lastError).toBeUndefined();
  }, 60_000);

  it('stops at once when trying again cannot help (the key is refused)', async () => {
    const remote = bareRepo();
    const ssh = fakeSsh();
    const ctx = laptop({ GIT_SSH_COMMAND: ssh.command });
    const id = await startIncidentIn(ctx);
    await invoke(ctx, share, shareCommand, { remote: `ssh://git@fake${remote}` });
    writeFileSync(ssh.denied, '');
    await invoke(ctx, note, noteCommand, { text: ['refused'] });
    const waits: number[] = [];
    ctx.sleep = async (ms) => {
      waits.push(ms);
    };
    const error = await failure(invoke(ctx, sync, syncCommand, { background: true }));
    expect(error.message).toContain('refused authentication');
    expect(waits).toEqual([300]);
    expect(shareJson(ctx, id).retry).toBeUndefined();
    expect(shareJson(ctx, id).lastError.message).toContain('refused authentication');
  });

  it('gives up 15 minutes after the newest unshared event', async () => {
    const remote = bareRepo();
    const ssh = fakeSsh();
    const ctx = laptop({ GIT_SSH_COMMAND: ssh.command });
    const id = await startIncidentIn(ctx);
    await invoke(ctx, share, shareCommand, { remote: `ssh://git@fake${remote}` });
    writeFileSync(ssh.down, '');
    await invoke(ctx, note, noteCommand, { text: ['lost in the outage'] });
    let waited = 0;
    ctx.sleep = async (ms) => {
      waited += ms;
      ctx.clock.advance(ms);
    };
    const error = await failure(invoke(ctx, sync, syncCommand, { background: true }));
    expect(error.message).toContain('cannot reach');
    expect(waited).toBeLessThanOrEqual(15 * 60_000);
    expect(waited).toBeGreaterThan(10 * 60_000);
    const state = shareJson(ctx, id);
    expect(state.retry).toBeUndefined();
    expect(state.lastError.message).toContain('cannot reach');
    expect(existsSync(ssh.down)).toBe(true);
  }, 60_000);
});
