// What a peer writes is shown safely and cannot impersonate. Mallory, who can
// push to the remote like everyone, writes into her own file events stamped
// with alice's name (a handoff to herself, a lowered severity, a decision),
// one that reuses the id of alice's opening event with other content, and a
// 50 MB note. On every other laptop: the forged events are shown flagged in
// every output and decide nothing, the reused id is settled the same way, and
// what is shown and drafted is cut per event while the log keeps it all.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postmortemCommand } from '../../../../src/commands/postmortem/definition.js';
import { postmortem } from '../../../../src/commands/postmortem/postmortem.js';
import {
  joinCommand,
  shareCommand,
  syncCommand,
} from '../../../../src/commands/share/definition.js';
import { join as joinIncident } from '../../../../src/commands/share/join.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { timelineCommand } from '../../../../src/commands/timeline/definition.js';
import { timeline } from '../../../../src/commands/timeline/timeline.js';
import { startIncidentIn, type TestContext, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo } from '../../../helpers/share.js';

async function out(ctx: TestContext, run: () => Promise<void>): Promise<string> {
  ctx.stdout.take();
  ctx.stderr.take();
  await run();
  return ctx.stdout.take();
}

const FLAG = "[unverified: recorded as alice@a but found in mallory@m's file]";

async function night(bigNote = false) {
  const remote = bareRepo();
  const [alice, bob, mallory] = ['alice@a', 'bob@b', 'mallory@m'].map((actor) =>
    testContext({ env: { ONCALL_ACTOR: actor } }),
  ) as [TestContext, TestContext, TestContext];
  const id = await startIncidentIn(alice);
  await invoke(alice, share, shareCommand, { remote });
  await invoke(bob, joinIncident, joinCommand, { id, remote });
  await invoke(mallory, joinIncident, joinCommand, { id, remote });
  const opened = JSON.parse(
    readFileSync(join(alice.home, 'incidents', id, 'events.jsonl'), 'utf8').split(
      '\n',
    )[0] as string,
  );
  const at = '2026-03-12T02:20:00.000Z';
  const forged = (fields: Record<string, unknown>, n: number) =>
    JSON.stringify({
      v: 1,
      id: `forged-${n}`,
      incident: id,
      ts: at,
      actor: 'alice@a',
      lamport: 50 + n,
      hlc: at,
      ...fields,
    });
  const lines = [
    forged({ type: 'handoff', from: 'alice@a', to: 'mallory' }, 1),
    forged({ type: 'severity.changed', from: 'SEV2', to: 'SEV4', reason: 'all good' }, 2),
    forged({ type: 'note', kind: 'decision', text: 'stop the rollback' }, 3),
    // Alice's opening event's id, other content: in a file that sorts first.
    JSON.stringify({ ...opened, title: 'Nothing to see', severity: 'SEV4' }),
  ];
  if (bigNote) {
    lines.push(
      JSON.stringify({
        v: 1,
        id: 'big-note',
        incident: id,
        ts: at,
        actor: 'mallory@m',
        lamport: 60,
        hlc: at,
        type: 'note',
        kind: 'note',
        text: 'x'.repeat(50_000_000),
      }),
    );
  }
  appendFileSync(join(mallory.home, 'incidents', id, 'events.jsonl'), `${lines.join('\n')}\n`);
  await invoke(mallory, sync, syncCommand, {});
  for (const ctx of [alice, bob, alice]) await invoke(ctx, sync, syncCommand, {});
  return { alice, bob, id };
}

describe("a peer's file that speaks for someone else", () => {
  it('is flagged in every output, decides nothing, and a reused id settles the same everywhere', async () => {
    const { alice, bob, id } = await night();
    for (const ctx of [alice, bob]) {
      const text = await out(ctx, () => invoke(ctx, timeline, timelineCommand, {}));
      expect(text).toContain(`alice@a offered the handoff to mallory (recorded, not sent) ${FLAG}`);
      expect(text).toContain(`severity SEV2 → SEV4: all good ${FLAG}`);
      expect(text).toContain('Checkout returns 500');
      expect(text).not.toContain('Nothing to see');
      const md = await out(ctx, () => invoke(ctx, timeline, timelineCommand, { md: true }));
      expect(md).toContain('[unverified: recorded as alice@a');
      const json = JSON.parse(
        await out(ctx, () => invoke(ctx, timeline, timelineCommand, { json: true })),
      );
      expect(json.find((e: { id: string }) => e.id === 'forged-1').unverified).toContain(
        'mallory@m',
      );

      const state = JSON.parse(
        await out(ctx, () => invoke(ctx, status, statusCommand, { json: true })),
      );
      expect(state.severity).toBe('SEV2');
      expect(state.commander).toBe('alice@a');
      expect(state.handoffOffered).toBeUndefined();
      expect(state.unverified.count).toBe(3);
      expect(await out(ctx, () => invoke(ctx, status, statusCommand, {}))).toContain(
        '! 3 events not verified (recorded as alice@a but found in mallory@m',
      );
      const path = (
        await out(ctx, () => invoke(ctx, postmortem, postmortemCommand, { force: true }))
      ).trim();
      const draft = readFileSync(path, 'utf8');
      expect(draft).toContain(`stop the rollback`);
      expect(draft).toContain('[unverified: recorded as alice@a');
    }
    // One rule for the reused id, the same on both laptops: the same events, the same order.
    const views = [];
    for (const ctx of [alice, bob]) {
      views.push(await out(ctx, () => invoke(ctx, timeline, timelineCommand, { json: true })));
    }
    expect(views[1]).toBe(views[0]);
    expect(id).toBeTruthy();
  }, 120_000);

  it('a 50 MB note is cut in what is shown and drafted; the log and --json keep it whole', async () => {
    const { bob, id } = await night(true);
    const text = await out(bob, () => invoke(bob, timeline, timelineCommand, {}));
    expect(text.length).toBeLessThan(64_000);
    expect(text).toMatch(
      / … \[cut: 50\.0 MB more; whole in \S+peers\/mallory-m-[0-9a-f]{8}\.jsonl\]/,
    );
    const path = (
      await out(bob, () => invoke(bob, postmortem, postmortemCommand, { force: true }))
    ).trim();
    expect(statSync(path).size).toBeLessThan(200_000);
    const json = await out(bob, () => invoke(bob, timeline, timelineCommand, { json: true }));
    expect(json.length).toBeGreaterThan(50_000_000);
    expect(id).toBeTruthy();
  }, 120_000);
});
