// A remote that wants a password, on 127.0.0.1, against the built CLI in a
// terminal set up like an IDE's (GIT_ASKPASS, SSH_ASKPASS and core.askPass all
// point at a program that leaves a mark when it runs): a typed share fails at
// once with the fix and nothing is asked, and so do the background syncs the
// bin starts by itself after each note. After each, no process the command
// started is still running. (Remotes that stall end within git's stall limits:
// integration/use-cases/share/stalls.test.ts, in process with short limits.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  oncall,
  oncallAsync,
  type Result,
  type Sandbox,
  sandbox,
  startIncident,
} from '../../helpers/cli.js';
import {
  authServer,
  endMarked,
  inIdeTerminal,
  marker,
  processesMarked,
  type Running,
} from '../../helpers/git-servers.js';
import { bareRepo, waitFor } from '../../helpers/share.js';

const mark = marker();
const servers: Running[] = [];
afterEach(async () => {
  endMarked(mark);
  for (const s of servers.splice(0)) await s.close();
});

/** A laptop whose terminal would ask for credentials every way it can, were git allowed to. */
function ideTerminal(actor: string): Sandbox & { askpassRan: string } {
  return inIdeTerminal(mark, actor, sandbox);
}

function failsInOneLine(r: Result, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  for (const part of parts) expect(r.stderr).toContain(part);
}

/** What the command started is gone once it returned (zombies aside). */
function nothingLeft(): void {
  expect(processesMarked(mark)).toEqual([]);
}

/** `oncall <args>` without blocking this process (the servers answer from it), timed. */
async function timed(box: Sandbox, args: string[]): Promise<{ r: Result; seconds: number }> {
  const t = performance.now();
  const r = await oncallAsync(box, args);
  return { r, seconds: (performance.now() - t) / 1000 };
}

describe('a remote that wants a password (401), in an IDE terminal', () => {
  it('fails at once with the fix; no askpass program runs, typed or in the background', async () => {
    const server = await authServer();
    servers.push(server);
    const url = `${server.url}/team/incidents.git`;
    const box = ideTerminal('alice@a');
    const id = await startIncident(box);
    const { r, seconds } = await timed(box, ['share', '--remote', url]);
    failsInOneLine(r, `${url} refused authentication`, "git's credential helper");
    expect(seconds).toBeLessThan(10);
    expect(existsSync(box.askpassRan)).toBe(false);
    nothingLeft();

    // Shared through a remote that worked, which now answers 401: each note's background sync.
    const good = bareRepo();
    expect(oncall(box, ['share', '--remote', good]).code).toBe(0);
    const shareJson = join(box.home, 'incidents', id, 'share.json');
    const state = JSON.parse(readFileSync(shareJson, 'utf8'));
    writeFileSync(shareJson, JSON.stringify({ ...state, remote: url }));
    const asked = server.requests();
    const bg = { ...box, env: { ...box.env, ONCALL_SYNC: '' } };
    expect((await oncallAsync(bg, ['note', 'first'])).code).toBe(0);
    expect((await oncallAsync(bg, ['note', 'second'])).code).toBe(0);
    await waitFor('the background sync to give up', () => {
      const now = JSON.parse(readFileSync(shareJson, 'utf8'));
      return now.lastError?.message.includes('refused authentication') && !now.retry;
    });
    await waitFor('the background syncs to end', () => processesMarked(mark).length === 0);
    expect(server.requests()).toBeGreaterThan(asked);
    expect(existsSync(box.askpassRan)).toBe(false);
  }, 60_000);
});
