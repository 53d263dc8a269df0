// Remotes that stall, on 127.0.0.1, against `oncall share` and `oncall join`
// run in process (helpers/in-process.ts: the real wiring, its one-line errors)
// in a terminal set up like an IDE's (GIT_ASKPASS, SSH_ASKPASS and
// core.askPass all point at a program that leaves a mark when it runs): a
// remote that accepts and never answers, over http and ssh, and one that hangs
// in the middle of a pack. git's own stall limits end each, well before the
// product's hard deadlines (kept here): the stall limits are short ones given
// through the Context instead of the product's 10 s, so the test does not wait
// them out. After each, no process the command started is still running, and
// nothing was asked. (A remote that wants a password, typed and in a
// background sync the built bin starts: e2e/flows/share-servers.test.ts.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, type ExpectStatic, expect, it, type TestContext } from 'vitest';
import { GIT_LIMITS } from '../../../../src/infra/share/git.js';
import {
  endMarked,
  gitHttpServer,
  inIdeTerminal,
  marker,
  processesMarked,
  type Running,
  silentServer,
} from '../../../helpers/git-servers.js';
import {
  type Box,
  oncall,
  type Result,
  sandbox,
  startIncident,
} from '../../../helpers/in-process.js';
import { bareRepo } from '../../../helpers/share.js';

/** The product's limits, but git's own stall limits short: what ends a stall is git's, not the deadline. */
const STALL_SECONDS = 2;
const LIMITS = { ...GIT_LIMITS, lowSpeedSeconds: STALL_SECONDS, sshSeconds: STALL_SECONDS };
/** A stall ends this long after it began at most: the stall limit, and room for a busy machine. */
const ENDS_WITHIN_MS = STALL_SECONDS * 1_000 + 10_000;

// The tests run at once (each waits out a stall): each marks the processes it
// starts with a marker of its own, and git's umask (077), which each command
// sets and the in-process helper puts back, is put back for the next file.
const umask = process.umask();
afterAll(() => {
  process.umask(umask);
});

interface Stall {
  /** A laptop whose terminal would ask for credentials every way it can, were git allowed to. */
  ideTerminal(actor: string): Box & { askpassRan: string };
  /** A server this test started, closed when it ends. */
  serving(server: Running): Running;
  /** What the command started is gone once it returned (zombies aside). */
  nothingLeft(): void;
}

function stall({ expect, onTestFinished }: TestContext): Stall {
  const mark = marker();
  const servers: Running[] = [];
  onTestFinished(async () => {
    endMarked(mark);
    for (const s of servers) await s.close();
  });
  return {
    ideTerminal(actor) {
      const box = inIdeTerminal(mark, actor, sandbox);
      box.shareLimits = LIMITS;
      return box;
    },
    serving(server) {
      servers.push(server);
      return server;
    },
    nothingLeft() {
      expect(processesMarked(mark)).toEqual([]);
    },
  };
}

function failsInOneLine(expect: ExpectStatic, r: Result, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  for (const part of parts) expect(r.stderr).toContain(part);
}

/** `oncall <args>` in process, timed. */
async function timed(box: Box, args: string[]): Promise<{ r: Result; ms: number }> {
  const t = performance.now();
  const r = await oncall(box, args);
  return { r, ms: performance.now() - t };
}

describe('the limits', () => {
  it("git's stall limits end a stall before the hard deadline would", () => {
    expect(GIT_LIMITS.lowSpeedSeconds * 1_000).toBeLessThan(GIT_LIMITS.networkMs);
    expect(GIT_LIMITS.sshSeconds * 1_000).toBeLessThan(GIT_LIMITS.networkMs);
    expect(ENDS_WITHIN_MS).toBeLessThan(LIMITS.networkMs);
    expect(ENDS_WITHIN_MS).toBeLessThan(LIMITS.firstFetchMs);
  });
});

describe.concurrent('remotes that stall', () => {
  describe('a remote that accepts and never answers', () => {
    it.for([
      [
        'http: ends within the stall limit, one line, nothing left running',
        (server: Running) => `${server.url}/team/incidents.git`,
      ],
      [
        'ssh: ends within the connect limit, asking nothing',
        (server: Running) => `ssh://git@127.0.0.1:${new URL(server.url).port}/team/incidents.git`,
      ],
    ] as const)('%s', async ([, urlOf], context) => {
      const { expect } = context;
      const { ideTerminal, serving, nothingLeft } = stall(context);
      const server = serving(await silentServer());
      const box = ideTerminal('alice@a');
      await startIncident(box);
      const url = urlOf(server);
      const { r, ms } = await timed(box, ['share', '--remote', url]);
      failsInOneLine(expect, r, `cannot reach ${url}`);
      expect(ms).toBeLessThan(ENDS_WITHIN_MS);
      expect(server.requests()).toBeGreaterThan(0);
      nothingLeft();
      expect(existsSync(box.askpassRan)).toBe(false);
    });
  });

  describe('a remote that hangs in the middle of a pack', () => {
    it('a join ends within the stall limit; nothing half-joined, nothing left running', async (context) => {
      const { expect } = context;
      const { ideTerminal, serving, nothingLeft } = stall(context);
      const remote = bareRepo();
      const alice = sandbox({ ONCALL_ACTOR: 'alice@a', ONCALL_SYNC: 'off' });
      const id = await startIncident(alice);
      expect((await oncall(alice, ['share', '--remote', remote])).code).toBe(0);
      // Enough that the pack is far past where the server stops: text that does not compress.
      const words = Array.from(
        { length: 400 },
        (_, i) => `${(i * 7919).toString(36)}${Math.random().toString(36)}`,
      );
      for (let i = 0; i < 6; i++)
        expect((await oncall(alice, ['note', words.join(' ').repeat(3)])).code).toBe(0);
      expect((await oncall(alice, ['sync'])).code).toBe(0);

      const server = serving(await gitHttpServer(join(remote, '..'), 4_096));
      const bob = ideTerminal('bob@b');
      const url = `${server.url}/incidents.git`;
      const { r, ms } = await timed(bob, ['join', id, '--remote', url]);
      failsInOneLine(expect, r, `cannot reach ${url}`);
      expect(ms).toBeLessThan(ENDS_WITHIN_MS);
      expect(existsSync(join(bob.home, 'incidents', id))).toBe(false);
      nothingLeft();
      expect(existsSync(bob.askpassRan)).toBe(false);
    });
  });
});
