// Asking a night's events for a few types: what a filter over them all would give, in their order.
import { describe, expect, it } from 'vitest';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { ofTypes, ofTypesFrom } from '../../../../src/domain/incident/of-types.js';
import { seeded } from '../../../helpers/seeded.js';

const TYPES = [
  'note',
  'step.started',
  'step.completed',
  'silence.created',
  'handoff.accepted',
] as const;
const { pick } = seeded(5);
const events = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => ({ id: `e${i}`, type: pick(TYPES) }) as unknown as OncallEvent,
  );

describe('ofTypes', () => {
  it('gives what a filter gives, in the same order, for one type or several', () => {
    const log = events(500);
    for (const types of [
      ['note'],
      ['silence.created', 'step.started'],
      ['step.completed', 'note', 'note'],
      ['walk.moved'],
    ] as const)
      expect(ofTypes(log, ...types)).toEqual(
        log.filter((e) => (types as readonly string[]).includes(e.type)),
      );
  });

  it('from a position on, and on an array that grew since it was last asked', () => {
    const log = events(300);
    expect(ofTypesFrom(log, 120, 'note', 'handoff.accepted')).toEqual(
      log.filter((e, i) => i >= 120 && (e.type === 'note' || e.type === 'handoff.accepted')),
    );
    log.push(...events(50));
    expect(ofTypes(log, 'step.started')).toEqual(log.filter((e) => e.type === 'step.started'));
    // An array that shrank (another read's) is indexed again.
    log.length = 10;
    expect(ofTypes(log, 'note')).toEqual(log.filter((e) => e.type === 'note'));
  });
});
