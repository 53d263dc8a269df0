// One laptop 3 h behind, one right, one 3 h ahead, on one incident (in
// process: each laptop's clock is its Context's). Every laptop lists the same
// events in the same order, the answer after the question it answers; each
// says whose clock is off and shows their times in its own clock; the next
// update is due at the same real time everywhere, from each laptop's own clock.
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
import { join as joinIncident } from '../../../../src/commands/share/join.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { timelineCommand } from '../../../../src/commands/timeline/definition.js';
import { timeline } from '../../../../src/commands/timeline/timeline.js';
import { updateCommand } from '../../../../src/commands/update/definition.js';
import { update } from '../../../../src/commands/update/update.js';
import {
  MINUTE,
  startIncidentIn,
  type TestContext,
  testContext,
} from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo } from '../../../helpers/share.js';

const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-03-12T02:10:00.000Z');

async function out(ctx: TestContext, run: () => Promise<void>): Promise<string> {
  ctx.stdout.take();
  ctx.stderr.take();
  await run();
  return ctx.stdout.take();
}

describe('clocks 3 h apart', () => {
  it('one order, causes first; each laptop names the odd clocks and finds the next update in its own', async () => {
    const remote = bareRepo();
    const offsets = { ann: -3 * HOUR, ben: 0, cat: 3 * HOUR };
    const laptops = {
      ann: testContext({ env: { ONCALL_ACTOR: 'ann@a' }, now: new Date(T0 + offsets.ann) }),
      ben: testContext({ env: { ONCALL_ACTOR: 'ben@b' }, now: new Date(T0) }),
      cat: testContext({ env: { ONCALL_ACTOR: 'cat@c' }, now: new Date(T0 + offsets.cat) }),
    };
    const { ann, ben, cat } = laptops;
    /** Real time moves on for every laptop alike. */
    const later = (minutes: number) => {
      for (const ctx of Object.values(laptops)) ctx.clock.advance(minutes * MINUTE);
    };
    const syncAll = async () => {
      for (const ctx of [ann, ben, cat]) await invoke(ctx, sync, syncCommand, {});
    };

    const id = await startIncidentIn(ben);
    await invoke(ben, share, shareCommand, { remote });
    later(1);
    await invoke(ann, joinIncident, joinCommand, { id, remote });
    await invoke(cat, joinIncident, joinCommand, { id, remote });
    await syncAll();
    later(4);
    await invoke(cat, sev, sevCommand, { level: 'SEV1', reason: 'all regions' });
    // Background syncs and --follow bring an event within seconds: here, within the minute.
    await invoke(cat, sync, syncCommand, {});
    await syncAll();
    later(1);
    // Ann answers what she saw: her clock says 23:16, three hours before cat's question.
    await invoke(ann, note, noteCommand, { text: ['db pool, after SEV1'], ruledOut: true });
    await syncAll();
    later(1);
    await invoke(ben, update, updateCommand, { text: ['We are on it'], post: false });
    await invoke(ben, sync, syncCommand, {});
    later(1);
    await syncAll();
    await syncAll();

    const views = [];
    for (const ctx of [ann, ben, cat]) {
      views.push(
        JSON.parse(await out(ctx, () => invoke(ctx, timeline, timelineCommand, { json: true }))),
      );
    }
    const ids = views.map((v: { id: string }[]) => v.map((e) => e.id));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    const types = views[0].map((e: { type: string; actor: string }) => `${e.actor} ${e.type}`);
    expect(types.indexOf('ann@a note')).toBeGreaterThan(types.indexOf('cat@c severity.changed'));

    const benSays = await out(ben, () => invoke(ben, status, statusCommand, {}));
    expect(benSays).toContain("cat@c's clock is about 3 h ahead of yours");
    expect(benSays).toContain("ann@a's clock is about 3 h behind yours");
    expect(benSays).not.toContain('check your own clock');
    expect(await out(ann, () => invoke(ann, status, statusCommand, {}))).toContain(
      'check your own clock',
    );
    // Cat's SEV1 at 02:15 real is shown at 02:15 in ben's clock, marked as corrected.
    expect(await out(ben, () => invoke(ben, timeline, timelineCommand, {}))).toMatch(
      /02:1[45]~ cat@c +severity SEV2 → SEV1/,
    );

    for (const [name, ctx] of Object.entries(laptops)) {
      const state = JSON.parse(
        await out(ctx, () => invoke(ctx, status, statusCommand, { json: true })),
      );
      const dueInMinutes = (Date.parse(state.nextUpdateDue) - ctx.now().getTime()) / MINUTE;
      // Sent at real 02:17 at SEV1 (every 15 min), now 02:18: due in 14 minutes, on every laptop.
      expect(Math.abs(dueInMinutes - 14), name).toBeLessThan(1.5);
      expect(state.updateOverdue, name).toBe(false);
    }
  }, 120_000);
});
