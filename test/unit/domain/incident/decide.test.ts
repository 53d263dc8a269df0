// The decisions are taken from the events that can decide something only:
// the list must hold every type that promises the next update, and deciding
// over it must leave what deciding over every event would.
import { describe, expect, it } from 'vitest';
import { DECIDING_TYPES, decisionTaken } from '../../../../src/domain/incident/decide.js';
import { EVENT_TYPES, schemaFor } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { event } from '../../../helpers/events.js';
import { longIncident } from '../../../helpers/long-incident.js';

describe('DECIDING_TYPES', () => {
  it('holds every event type whose schema promises the next update', () => {
    const promising = EVENT_TYPES.filter((type) => {
      const shape = (schemaFor(type) as unknown as { _zod: { def: { shape?: object } } })._zod.def
        .shape;
      return shape !== undefined && 'nextUpdateDue' in shape;
    });
    expect(promising.length).toBeGreaterThan(0);
    expect(
      promising.filter((type) => !(DECIDING_TYPES as readonly string[]).includes(type)),
    ).toEqual([]);
  });

  it('decides as every event would: a long night, handed over, re-rated and promised again', () => {
    const events = [
      ...longIncident(3_000),
      event('handoff', '2026-11-22T09:00:00.000Z', { to: 'erin', id: 'h-last' }),
      event('handoff.accepted', '2026-11-22T09:01:00.000Z', { handoff: 'h-last', actor: 'erin' }),
    ];
    const folded = foldIncident(events);
    // One event at a time, as the walk takes what is appended: each one decided.
    const oneByOne = foldIncident(events.slice(0, 1));
    for (const e of events.slice(1)) decisionTaken(oneByOne, e);
    for (const field of ['severity', 'commander', 'impact', 'nextUpdateDue', 'runbook'] as const)
      expect(folded[field], field).toEqual(oneByOne[field]);
    expect(folded.commander).toBe('erin');
  });
});
