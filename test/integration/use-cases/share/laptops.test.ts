// Two responders on two laptops (two ONCALL_HOMEs, two actors, in process
// through the real wiring: helpers/in-process.ts) and a bare repository made
// here as the team's remote. Alice starts and shares, Bob joins; both note and
// run commands and sync; both laptops then tell the same timeline. Bob hands
// off to Alice, who accepts; the postmortem from either laptop lists both
// responders and every action. (The built bin against a real remote, racing
// and killed: e2e/flows/share*.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestClock } from '../../../helpers/context.js';
import {
  type Box,
  oncall,
  type Result,
  sandbox,
  startIncident,
} from '../../../helpers/in-process.js';
import { bareRepo } from '../../../helpers/share.js';
import { TEAM_CONFIG } from '../../../helpers/team.js';
import { expectUsageError } from '../../../helpers/words.js';

/** A laptop: its own home and actor, the team's config naming the remote, the time `clock` says. */
function laptop(actor: string, remote: string, clock?: TestClock): Box {
  // Every sync here is typed (background syncs: faults.test.ts, e2e/flows/share-race.test.ts).
  const box = sandbox({ ONCALL_ACTOR: actor, ONCALL_SYNC: 'off' });
  writeFileSync(
    join(box.cwd, 'oncall.config.yaml'),
    `${TEAM_CONFIG}share:\n  remote: ${remote}\n`,
    { mode: 0o600 },
  );
  return clock ? { ...box, clock, now: clock.now } : box;
}

function ok(r: Result): Result {
  expect(r.code, r.stderr).toBe(0);
  return r;
}

const timelineOf = async (box: Box) =>
  JSON.parse(ok(await oncall(box, ['timeline', '--json'])).stdout);

/** `oncall <args>` a second after the command before, on laptops whose clocks agree. */
async function later(box: Box, args: string[]): Promise<Result> {
  box.clock.advance(1_000);
  return oncall(box, args);
}

describe('two responders share one incident', () => {
  it('both laptops fold the same events, hand off, and write the same postmortem', async () => {
    const remote = bareRepo();
    const alice = laptop('alice@laptop-a', remote);
    const bob = laptop('bob@laptop-b', remote, alice.clock);

    const id = await startIncident(alice);
    const shared = ok(await later(alice, ['share']));
    expect(shared.stdout).toContain(`oncall join ${id}`);
    const joined = ok(await later(bob, ['join', id]));
    expect(joined.stdout).toContain(`Joined ${id}: Checkout returns 500`);

    ok(await later(alice, ['note', '--action', 'rolled back web to v41']));
    ok(await later(bob, ['note', '--finding', 'db pool at 100% on db-1']));
    ok(await later(alice, ['run', '--', 'node', '-e', 'console.log("pong")']));
    expect((await later(bob, ['run', '--', 'node', '-e', 'process.exit(3)'])).code).not.toBe(0);
    ok(await later(bob, ['sync']));
    ok(await later(alice, ['sync']));
    ok(await later(bob, ['sync']));

    const seenByAlice = await timelineOf(alice);
    const seenByBob = await timelineOf(bob);
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
    ok(await later(alice, ['handoff', '--to', 'bob', '--note', 'watch db-1']));
    ok(await later(alice, ['sync']));
    ok(await later(bob, ['sync']));
    expect(ok(await later(bob, ['handoff', '--accept'])).stdout).toContain(
      'You are now incident commander',
    );
    // Bob hands back to Alice; until she accepts, both laptops say so.
    ok(await later(bob, ['handoff', '--to', 'alice', '--note', 'db-1 failover is next']));
    ok(await later(bob, ['sync']));
    ok(await later(alice, ['sync']));
    for (const box of [alice, bob]) {
      const status = ok(await later(box, ['status'])).stdout;
      expect(status).toContain('commander bob');
      expect(status).toMatch(/handoff offered to Alice Chen at \d\d:\d\d, not yet accepted/);
    }
    expectUsageError(await later(bob, ['handoff', '--accept']), 'only Alice Chen accepts it');
    const accepted = ok(await later(alice, ['handoff', '--accept']));
    expect(accepted.stdout).toContain(`You are now incident commander of ${id}`);
    ok(await later(alice, ['sync']));
    ok(await later(bob, ['sync']));
    for (const box of [alice, bob]) {
      const status = ok(await later(box, ['status'])).stdout;
      expect(status).not.toContain('not yet accepted');
      expect(status).toContain('commander alice');
      expect(status).toMatch(/alice@laptop-a \(commander\)/);
      expect(status).toMatch(/bob@laptop-b +\S+ ago: bob offered the handoff to Alice Chen/);
      expect(status).toMatch(/last synced \d+s ago/);
    }
    expect(await timelineOf(bob)).toEqual(await timelineOf(alice));

    const postmortems: string[] = [];
    for (const box of [alice, bob])
      postmortems.push(readFileSync(ok(await oncall(box, ['postmortem'])).stdout.trim(), 'utf8'));
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
  });
});
