// `oncall export` run in process: the whole incident as one JSON document,
// the folded state and every event of the log.
import { describe, expect, it } from 'vitest';
import { exportIncident } from '../../../src/commands/export.js';
import { note } from '../../../src/commands/note.js';
import { sev } from '../../../src/commands/sev.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../helpers/context.js';

describe('export', () => {
  it('prints { incident, events }: the state, and the log in time order', async () => {
    const ctx = testContext();
    const id = await startIncidentIn(ctx);
    ctx.clock.advance(5 * MINUTE);
    await note(ctx, { text: ['found it'], finding: true });
    await note(ctx, { text: ['paged bob'], at: '02:12', action: true });
    await sev(ctx, { level: 'SEV1' });
    ctx.stdout.take();
    await exportIncident(ctx, {});
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
