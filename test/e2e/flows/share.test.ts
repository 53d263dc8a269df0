// Two responders on two laptops (two ONCALL_HOMEs, two actors, the built CLI)
// and a bare repository made here as the team's remote. Alice starts and
// shares, Bob joins; both note and run commands and sync; both laptops then
// tell the same timeline. Bob hands off to Alice, who accepts; the postmortem
// from either laptop lists both responders and every action.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, type Result, type Sandbox, sandbox, startIncident } from '../../helpers/cli.js';
import { BIN } from '../../helpers/paths.js';
import { bareRepo, waitFor } from '../../helpers/share.js';
import { TEAM_CONFIG } from '../../helpers/team.js';
import { expectUsageError } from '../../helpers/words.js';

/** A laptop: its own home and actor, the team's config naming the remote. */
function laptop(actor: string, remote: string): Sandbox {
  // Background syncs are tested on their own (share-faults.test.ts); here every sync is typed.
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

const timelineOf = (box: Sandbox) => JSON.parse(ok(oncall(box, ['timeline', '--json'])).stdout);

describe('two responders share one incident', () => {
  it('both laptops fold the same events, hand off, and write the same postmortem', () => {
    const remote = bareRepo();
    const alice = laptop('alice@laptop-a', remote);
    const bob = laptop('bob@laptop-b', remote);

    const id = startIncident(alice);
    const shared = ok(oncall(alice, ['share']));
    expect(shared.stdout).toContain(`oncall join ${id}`);
    const joined = ok(oncall(bob, ['join', id]));
    expect(joined.stdout).toContain(`Joined ${id}: Checkout returns 500`);

    ok(oncall(alice, ['note', '--action', 'rolled back web to v41']));
    ok(oncall(bob, ['note', '--finding', 'db pool at 100% on db-1']));
    ok(oncall(alice, ['run', '--', 'node', '-e', 'console.log("pong")']));
    expect(oncall(bob, ['run', '--', 'node', '-e', 'process.exit(3)']).code).not.toBe(0);
    ok(oncall(bob, ['sync']));
    ok(oncall(alice, ['sync']));
    ok(oncall(bob, ['sync']));

    const seenByAlice = timelineOf(alice);
    const seenByBob = timelineOf(bob);
    expect(seenByBob).toEqual(seenByAlice);
    expect(seenByAlice.map((e: { type: string }) => e.type)).toEqual([
      'incident.opened',
      'responder.joined',
      'note',
      'note',
      'command.started',
      'command.finished',
      'command.started',
      'command.finished',
    ]);

    // Alice hands off to Bob for the night, and he accepts.
    ok(oncall(alice, ['handoff', '--to', 'bob', '--note', 'watch db-1']));
    ok(oncall(alice, ['sync']));
    ok(oncall(bob, ['sync']));
    expect(ok(oncall(bob, ['handoff', '--accept'])).stdout).toContain(
      'You are now incident commander',
    );
    // Bob hands back to Alice; until she accepts, both laptops say so.
    ok(oncall(bob, ['handoff', '--to', 'alice', '--note', 'db-1 failover is next']));
    ok(oncall(bob, ['sync']));
    ok(oncall(alice, ['sync']));
    for (const box of [alice, bob]) {
      const status = ok(oncall(box, ['status'])).stdout;
      expect(status).toContain('commander bob');
      expect(status).toMatch(/handoff offered to Alice Chen at \d\d:\d\d, not yet accepted/);
    }
    expectUsageError(oncall(bob, ['handoff', '--accept']), 'only Alice Chen accepts it');
    const accepted = ok(oncall(alice, ['handoff', '--accept']));
    expect(accepted.stdout).toContain(`You are now incident commander of ${id}`);
    ok(oncall(alice, ['sync']));
    ok(oncall(bob, ['sync']));
    for (const box of [alice, bob]) {
      const status = ok(oncall(box, ['status'])).stdout;
      expect(status).not.toContain('not yet accepted');
      expect(status).toContain('commander alice');
      expect(status).toMatch(/alice@laptop-a \(commander\)/);
      expect(status).toMatch(/bob@laptop-b +\S+ ago: bob offered the handoff to Alice Chen/);
      expect(status).toMatch(/last synced \d+s ago/);
    }
    expect(timelineOf(bob)).toEqual(timelineOf(alice));

    const postmortems = [alice, bob].map((box) =>
      readFileSync(ok(oncall(box, ['postmortem'])).stdout.trim(), 'utf8'),
    );
    for (const text of postmortems) {
      for (const part of [
        'Alice Chen',
        'Bob Stone',
        'rolled back web to v41',
        'db pool at 100% on db-1',
        'node -e',
        'process.exit(3)',
        'db-1 failover is next',
      ]) {
        expect(text).toContain(part);
      }
    }
  }, 180_000);
});

describe('oncall timeline --follow', () => {
  it("prints new events, own and peers', as they arrive; Ctrl-C ends it", async () => {
    const remote = bareRepo();
    const alice = laptop('alice@laptop-a', remote);
    const bob = laptop('bob@laptop-b', remote);
    const id = startIncident(alice);
    ok(oncall(alice, ['share']));
    ok(oncall(bob, ['join', id]));

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
    const id = startIncident(alice);
    ok(oncall(alice, ['share']));
    ok(oncall(bob, ['join', id]));
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
