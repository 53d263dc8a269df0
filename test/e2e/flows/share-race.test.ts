// Five responders on five laptops (five ONCALL_HOMEs, the built CLI, real
// processes) work one incident at once: notes, severity changes and typed
// `oncall sync`s race each other and every note's background sync. Every typed
// sync succeeds, and in the end every laptop tells the same timeline with
// every event once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  oncall,
  oncallAsync,
  type Result,
  type Sandbox,
  sandbox,
  startIncident,
  viaFullCli,
} from '../../helpers/cli.js';
import { endMarked, marker, processesMarked } from '../../helpers/git-servers.js';
import { bareRepo, responderFile, waitFor } from '../../helpers/share.js';

const mark = marker();
afterEach(() => endMarked(mark));

const ROUNDS = 5;

function laptop(actor: string, remote: string): Sandbox {
  // Background syncs on, as on a laptop: each note starts one.
  const box = sandbox({ ONCALL_ACTOR: actor, [mark.name]: mark.value });
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), `share:\n  remote: ${remote}\n`, {
    mode: 0o600,
  });
  return box;
}

function ok(r: Result, what: string): Result {
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
  return r;
}

/**
 * The setup before the race: the incident shared and joined through the built
 * CLI in the process that stays (viaFullCli), not a bin process for each.
 * What the race proves (notes, syncs typed and in the background, the
 * timelines and statuses read at the end) runs through the bin.
 */
async function publishAndJoin(first: Sandbox, others: Sandbox[], id: string): Promise<void> {
  ok(await viaFullCli(first, ['share']), 'share');
  for (const box of others) ok(await viaFullCli(box, ['join', id]), 'join');
}

describe('five responders on one incident', () => {
  it('every typed sync succeeds while all race; every laptop ends with the same timeline', async () => {
    const remote = bareRepo();
    const names = ['alice@a', 'bob@b', 'carol@c', 'dave@d', 'erin@e'];
    const boxes = names.map((actor) => laptop(actor, remote));
    const [first, ...others] = boxes as [Sandbox, ...Sandbox[]];
    const id = await startIncident(first);
    await publishAndJoin(first, others, id);

    const typed: Result[] = [];
    await Promise.all(
      boxes.map(async (box, who) => {
        for (let round = 1; round <= ROUNDS; round++) {
          ok(await oncallAsync(box, ['note', `${names[who]} note ${round}`]), 'note');
          if (round === 3 && who < 2)
            ok(
              await oncallAsync(box, ['sev', who === 0 ? 'SEV1' : 'SEV2', '--reason', 'race']),
              'sev',
            );
          typed.push(await oncallAsync(box, ['sync']));
        }
      }),
    );
    for (const r of typed) expect(r.code, r.stderr).toBe(0);
    expect(typed).toHaveLength(names.length * ROUNDS);

    // The background syncs finish by themselves; then two rounds of typed syncs bring everyone
    // level (through the resident CLI: the syncs racing were the bin's).
    await waitFor('the background syncs to end', () => processesMarked(mark).length === 0, 120_000);
    for (let round = 0; round < 2; round++)
      for (const box of boxes) ok(await viaFullCli(box, ['sync']), 'final sync');

    const views = boxes.map((box) =>
      JSON.parse(ok(oncall(box, ['timeline', '--json']), 'timeline').stdout),
    );
    const ids = views.map((v: { id: string }[]) => v.map((e) => e.id));
    for (const other of ids.slice(1)) expect(other).toEqual(ids[0]);
    const notes = (views[0] as { type: string; text?: string }[]).filter((e) => e.type === 'note');
    expect(notes).toHaveLength(names.length * ROUNDS);
    expect(new Set(ids[0]).size).toBe(ids[0]?.length);
    const states = boxes.map((box) =>
      JSON.parse(ok(oncall(box, ['status', '--json']), 'status').stdout),
    );
    for (const state of states) {
      expect(state.severity).toBe(states[0].severity);
      expect(state.share.notYetShared).toBe(0);
    }
  }, 300_000);

  it('responders who go quiet: background syncs alone share every event they recorded', async () => {
    const remote = bareRepo();
    const names = ['alice@a', 'bob@b', 'carol@c'];
    const boxes = names.map((actor) => laptop(actor, remote));
    const [first, ...others] = boxes as [Sandbox, ...Sandbox[]];
    const id = await startIncident(first);
    await publishAndJoin(first, others, id);
    // A burst of notes each, at once, then nothing: no typed sync ever.
    await Promise.all(
      boxes.map(async (box, who) => {
        for (let n = 1; n <= 8; n++)
          ok(await oncallAsync(box, ['note', `${names[who]} burst ${n}`]), 'note');
      }),
    );
    await waitFor('the background syncs to end', () => processesMarked(mark).length === 0, 120_000);
    for (const [who, box] of boxes.entries()) {
      const state = JSON.parse(ok(oncall(box, ['status', '--json']), 'status').stdout);
      expect(state.share.notYetShared, names[who]).toBe(0);
      const shared = responderFile(remote, id, names[who] as string);
      for (let n = 1; n <= 8; n++) expect(shared).toContain(`${names[who]} burst ${n}`);
    }
  }, 300_000);
});
