// `oncall export` run in process: the whole incident as one JSON document,
// the folded state and every event of the log.
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../../../src/commands/export/definition.js';
import { exportIncident } from '../../../../src/commands/export/export.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { sevCommand } from '../../../../src/commands/sev/definition.js';
import { sev } from '../../../../src/commands/sev/sev.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

describe('export', () => {
  it('prints { incident, events }: the state, and the log in time order', async () => {
    const ctx = testContext();
    const id = await startIncidentIn(ctx);
    ctx.clock.advance(5 * MINUTE);
    await invoke(ctx, note, noteCommand, { text: ['found it'], finding: true });
    await invoke(ctx, note, noteCommand, { text: ['paged bob'], at: '02:12', action: true });
    await invoke(ctx, sev, sevCommand, { level: 'SEV1' });
    ctx.stdout.take();
    await invoke(ctx, exportIncident, exportCommand, {});
    const doc = JSON.parse(ctx.stdout.take());
    expect(Object.keys(doc)).toEqual(['incident', 'events']);
    expect(doc.incident).toMatchObject({ id, severity: 'SEV1', status: 'active' });
    const logged = eventsOf(ctx);
    const byTs = [...logged].sort((a, b) => String(a.ts).localeCompare(String(b.ts)));
    expect(doc.events).toEqual(byTs);
    expect(doc.events.map((e: { text?: string }) => e.text).filter(Boolean)).toEqual([
      'paged bob',
      'found it',
    ]);
  });
});
