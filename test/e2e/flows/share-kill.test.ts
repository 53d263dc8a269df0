// SIGKILL at the wrong moment (the OOM killer, a crash): `oncall sync` killed
// at different points of its work, its git left running or not. Every later
// sync of that laptop recovers by itself (no folder to delete by hand), and the
// remote holds each of the responder's events exactly once.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oncall, type Result, sandbox, startIncident, viaFullCli } from '../../helpers/cli.js';
import { endMarked, marker } from '../../helpers/git-servers.js';
import { BIN } from '../../helpers/paths.js';
import { bareRepo, responderFile } from '../../helpers/share.js';

const mark = marker();
afterEach(() => endMarked(mark));

function ok(r: Result): Result {
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('a sync killed with SIGKILL', () => {
  it('at any point: the next sync recovers by itself; nothing lost, nothing doubled', async () => {
    const remote = bareRepo();
    const box = sandbox({ ONCALL_ACTOR: 'alice@a', ONCALL_SYNC: 'off', [mark.name]: mark.value });
    const id = await startIncident(box);
    // Setup (the share, each note) through the built CLI in the process that stays; the
    // syncs killed and the syncs that recover are the bin's.
    ok(await viaFullCli(box, ['share', '--remote', remote]));
    // Killed a little later each time: in the lock, in a fetch, a commit, a push, the copy.
    for (const delay of [30, 80, 130, 180, 240, 320, 420, 550]) {
      ok(await viaFullCli(box, ['note', `before a kill after ${delay} ms`]));
      const child = spawn(process.execPath, [BIN, 'sync'], {
        cwd: box.cwd,
        env: box.env,
        stdio: 'ignore',
      });
      // Listened for from the start: on an idle machine a sync may be done before its kill.
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await closed;
    }
    ok(await viaFullCli(box, ['note', 'after the kills']));
    ok(oncall(box, ['sync']));
    ok(oncall(box, ['sync']));

    const shared = responderFile(remote, id, 'alice@a').split('\n').filter(Boolean);
    const ids = shared.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    const own = readFileSync(join(box.home, 'incidents', id, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect([...ids].sort()).toEqual([...own].sort());
    expect(ok(oncall(box, ['status'])).stdout).not.toContain('not yet shared');
  }, 120_000);
});
