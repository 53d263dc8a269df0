// Three responders on three laptops (three ONCALL_HOMEs, in process) share one
// incident through a bare repository. Notes and syncs come in a seeded random
// order, some syncs at the same moment (their pushes race, and the loser tries
// again): in the end every laptop holds every event exactly once, in the same
// order, and the remote holds each responder's file without a conflict.
import { describe, expect, it } from 'vitest';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { sevCommand } from '../../../../src/commands/sev/definition.js';
import { sev } from '../../../../src/commands/sev/sev.js';
import {
  joinCommand,
  shareCommand,
  syncCommand,
} from '../../../../src/commands/share/definition.js';
import { join } from '../../../../src/commands/share/join.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { timelineCommand } from '../../../../src/commands/timeline/definition.js';
import { timeline } from '../../../../src/commands/timeline/timeline.js';
import { responderName } from '../../../../src/domain/share/responder.js';
import {
  MINUTE,
  startIncidentIn,
  type TestContext,
  testContext,
} from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import {
  bareRepo,
  gitOf,
  pathsInHistory,
  refsOf,
  responderFile,
  seeded,
} from '../../../helpers/share.js';

const NOTES = 20;

async function timelineJson(ctx: TestContext): Promise<{ id: string; actor: string }[]> {
  ctx.stdout.take();
  await invoke(ctx, timeline, timelineCommand, { json: true });
  return JSON.parse(ctx.stdout.take());
}

describe('three responders, twenty notes each, syncs at random', () => {
  it('every event is on every laptop exactly once, in the same order; no git conflict', async () => {
    const remote = bareRepo();
    const people = ['alice@a', 'bob@b', 'carol@c'].map((actor) =>
      testContext({ env: { ONCALL_ACTOR: actor } }),
    );
    const [alice, bob, carol] = people as [TestContext, TestContext, TestContext];
    const id = await startIncidentIn(alice);
    await invoke(alice, share, shareCommand, { remote });
    await invoke(bob, join, joinCommand, { id, remote });
    await invoke(carol, join, joinCommand, { id, remote });

    const random = seeded(20261122);
    const written = people.map(() => 0);
    let syncs = 0;
    while (written.some((n) => n < NOTES)) {
      const who = Math.floor(random() * people.length);
      const ctx = people[who] as TestContext;
      ctx.clock.advance(Math.floor(random() * 3 * MINUTE));
      if (random() < 0.65 && (written[who] as number) < NOTES) {
        written[who] = (written[who] as number) + 1;
        await invoke(ctx, note, noteCommand, {
          text: [`${ctx.env.ONCALL_ACTOR} note ${written[who]}`],
        });
      } else if (random() < 0.3) {
        // Two laptops sync at the same moment: one push is turned down and retried.
        await Promise.all([
          invoke(ctx, sync, syncCommand, {}),
          invoke(people[(who + 1) % people.length] as TestContext, sync, syncCommand, {}),
        ]);
        syncs += 2;
      } else {
        await invoke(ctx, sync, syncCommand, {});
        syncs += 1;
      }
    }
    for (let round = 0; round < 2; round++) {
      for (const ctx of people) await invoke(ctx, sync, syncCommand, {});
    }
    expect(syncs).toBeGreaterThan(10);

    const views = await Promise.all(people.map(timelineJson));
    const expected = 1 + 2 + people.length * NOTES; // opened, two joins, the notes
    for (const view of views) {
      expect(view).toHaveLength(expected);
      expect(new Set(view.map((e) => e.id)).size).toBe(expected);
    }
    expect(views[1]?.map((e) => e.id)).toEqual(views[0]?.map((e) => e.id));
    expect(views[2]?.map((e) => e.id)).toEqual(views[0]?.map((e) => e.id));
    for (const actor of ['alice@a', 'bob@b', 'carol@c']) {
      const own = views[0]?.filter((e) => e.actor === actor && 'text' in e) ?? [];
      expect(own).toHaveLength(NOTES);
    }

    // The remote: one ref and one file per responder, each event once, no merges.
    const names = ['alice@a', 'bob@b', 'carol@c'].map(responderName);
    expect(refsOf(remote)).toEqual(names.map((n) => `refs/oncall/incidents/${id}/${n}`));
    expect(pathsInHistory(remote)).toEqual(names.map((n) => `incidents/${id}/events/${n}.jsonl`));
    for (const actor of ['alice@a', 'bob@b', 'carol@c']) {
      const lines = responderFile(remote, id, actor).split('\n').filter(Boolean);
      const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(gitOf(remote, ['log', '--all', '--merges', '--oneline'])).toBe('');
  }, 240_000);

  it('the same responder on two laptops, and a laptop whose clock is 40 minutes behind', async () => {
    const remote = bareRepo();
    const alice = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    // A second laptop (or a copy of ONCALL_HOME) with the same actor: the same remote file.
    const alice2 = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const carol = testContext({ env: { ONCALL_ACTOR: 'carol@c' } });
    carol.clock.advance(-40 * MINUTE);
    const everyone = [alice, alice2, carol];
    const syncAll = async () => {
      for (const ctx of [...everyone, ...everyone]) await invoke(ctx, sync, syncCommand, {});
    };

    const id = await startIncidentIn(alice);
    await invoke(alice, share, shareCommand, { remote });
    await invoke(alice2, join, joinCommand, { id, remote });
    await invoke(carol, join, joinCommand, { id, remote });
    await invoke(alice, note, noteCommand, { text: ['from the first laptop'] });
    await invoke(alice2, note, noteCommand, { text: ['from the second laptop'] });
    alice.clock.advance(10 * MINUTE);
    await invoke(alice, sev, sevCommand, { level: 'SEV1', reason: 'EU down too' });
    await syncAll();
    // Carol saw SEV1, then lowered it; her clock says 01:40, before alice's change.
    await invoke(carol, sev, sevCommand, { level: 'SEV3', reason: 'EU back' });
    await syncAll();

    const views = await Promise.all(everyone.map(timelineJson));
    for (const view of views) {
      expect(view.map((e) => e.id)).toEqual(views[0]?.map((e) => e.id));
      expect(new Set(view.map((e) => e.id)).size).toBe(view.length);
      expect(view).toHaveLength(1 + 2 + 2 + 2); // opened, two joins, two notes, two changes
    }
    const states = [];
    for (const ctx of everyone) {
      ctx.stdout.take();
      await invoke(ctx, status, statusCommand, { json: true });
      states.push(JSON.parse(ctx.stdout.take()) as { severity: string; commander: string });
    }
    // Decided in causal order: carol's change came last, whatever her clock said.
    expect(states.map((s) => s.severity)).toEqual(['SEV3', 'SEV3', 'SEV3']);
    const both = responderFile(remote, id, 'alice@a');
    expect(both).toContain('from the first laptop');
    expect(both).toContain('from the second laptop');
    expect(gitOf(remote, ['log', '--all', '--merges', '--oneline'])).toBe('');
  }, 240_000);

  it('one responder on two laptops syncing at the same moment: the push turned down is tried again', async () => {
    const remote = bareRepo();
    const first = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const second = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const id = await startIncidentIn(first);
    await invoke(first, share, shareCommand, { remote });
    await invoke(second, join, joinCommand, { id, remote });
    for (let round = 1; round <= 5; round++) {
      await invoke(first, note, noteCommand, { text: [`first laptop ${round}`] });
      await invoke(second, note, noteCommand, { text: [`second laptop ${round}`] });
      // Both push to alice's one ref: one is turned down, fetches, and goes again.
      await Promise.all([first, second].map((ctx) => invoke(ctx, sync, syncCommand, {})));
    }
    const lines = responderFile(remote, id, 'alice@a').split('\n').filter(Boolean);
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let round = 1; round <= 5; round++) {
      expect(lines.some((l) => l.includes(`first laptop ${round}`))).toBe(true);
      expect(lines.some((l) => l.includes(`second laptop ${round}`))).toBe(true);
    }
  }, 120_000);
});
