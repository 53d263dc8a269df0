// Two responders on two laptops (two ONCALL_HOMEs, two actors, the built CLI)
// and a bare repository made here as the team's remote: Bob follows the
// timeline (`oncall timeline --follow`, a process that runs until Ctrl-C) while
// his and Alice's events arrive, typed syncs and background ones. (The two
// laptops' shared night, handoff and postmortem, in process:
// integration/use-cases/share/laptops.test.ts.)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  oncall,
  type Result,
  type Sandbox,
  sandbox,
  startIncident,
  viaFullCli,
} from '../../helpers/cli.js';
import { BIN } from '../../helpers/paths.js';
import { bareRepo, waitFor } from '../../helpers/share.js';
import { TEAM_CONFIG } from '../../helpers/team.js';

/** A laptop: its own home and actor, the team's config naming the remote. */
function laptop(actor: string, remote: string): Sandbox {
  // Every sync typed, unless a test turns background syncs on.
  const box = sandbox({ ONCALL_ACTOR: actor, ONCALL_SYNC: 'off' });
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    `${TEAM_CONFIG}share:\n  remote: ${remote}\n`,
    { mode: 0o600 },
  );
  return box;
}

function ok(r: Result): Result {
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('oncall timeline --follow', () => {
  it("prints new events, own and peers', as they arrive; Ctrl-C ends it", async () => {
    const remote = bareRepo();
    const alice = laptop('alice@laptop-a', remote);
    const bob = laptop('bob@laptop-b', remote);
    const id = await startIncident(alice);
    // Setup, through the built CLI in the process that stays: the follow is the bin's.
    ok(await viaFullCli(alice, ['share']));
    ok(await viaFullCli(bob, ['join', id]));

    const child = spawn(process.execPath, [BIN, 'timeline', '--follow'], {
      cwd: bob.cwd,
      env: bob.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitFor('the timeline so far', () => out.includes('(following'));
      expect(out).toContain('incident declared at SEV2');
      ok(oncall(bob, ['note', 'bob follows along']));
      await waitFor("bob's own note", () => out.includes('note: bob follows along'));
      ok(oncall(alice, ['note', '--finding', 'alice found the cause']));
      ok(oncall(alice, ['sync']));
      ok(oncall(bob, ['sync']));
      await waitFor("alice's note, once fetched", () =>
        out.includes('finding: alice found the cause'),
      );
      expect(out.match(/bob follows along/g)).toHaveLength(1);
    } finally {
      child.kill('SIGINT');
    }
    expect(await ended).toBe(0);
  }, 120_000);

  it("shows a peer's event within 5 seconds of its note, and a peer's command as safe text", async () => {
    const remote = bareRepo();
    // Background syncs on, as on laptops: alice's note goes out by itself, bob's follow fetches.
    const on = { ONCALL_SYNC: '' };
    const alice = { ...laptop('alice@laptop-a', remote) };
    const bob = laptop('bob@laptop-b', remote);
    const id = await startIncident(alice);
    // Setup, through the built CLI in the process that stays: the follow is the bin's.
    ok(await viaFullCli(alice, ['share']));
    ok(await viaFullCli(bob, ['join', id]));
    alice.env = { ...alice.env, ...on };
    const child = spawn(process.execPath, [BIN, 'timeline', '--follow'], {
      cwd: bob.cwd,
      env: { ...bob.env, ...on },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitFor('the timeline so far', () => out.includes('(following'));
      const noted = performance.now();
      ok(oncall(alice, ['note', '--finding', 'cache stampede']));
      await waitFor("alice's note", () => out.includes('finding: cache stampede'), 15_000);
      expect(performance.now() - noted).toBeLessThan(5_000);
      // OSC 52 would write bob's clipboard; an ESC of any kind must reach his screen as text.
      ok(oncall(alice, ['run', '--', 'node', '-e', '0', '\x1b]52;c;aGk=\x07']));
      await waitFor("alice's command and its end", () => /finished → exit 0/.test(out), 15_000);
      expect(out).not.toContain('\x1b');
      expect(out).not.toContain('\x07');
      expect(out).toContain('\\x1b]52;c;aGk=\\x07');
    } finally {
      child.kill('SIGINT');
    }
    expect(await ended).toBe(0);
  }, 120_000);
});
