// The ranked lists (what changed, was found, failed, was tried, was noted):
// asked for some of them, those are exactly what the full ranking holds and
// the rest are empty. A postmortem asks for two of the five.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../../src/domain/config/schema.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import type { RenderInput } from '../../../../src/domain/render/facts.js';
import { rankedFacts } from '../../../../src/domain/render/ranked.js';
import { event } from '../../../helpers/events.js';
import { type NightShape, night } from '../../../helpers/night.js';

const config = { contacts: {}, links: {}, severities: DEFAULT_SEVERITIES };

const inputOf = (events: OncallEvent[]): RenderInput => ({
  state: foldIncident(events),
  events,
  config,
  now: new Date('2026-11-22T09:00:00.000Z'),
  tz: 'America/New_York',
});

const LISTS = ['changed', 'found', 'failed', 'tried', 'notes'] as const;

describe('rankedFacts', () => {
  it.each<NightShape>([{}, { polls: 40, findings: 5 }, { failures: 8, wordy: 2 }])(
    'makes only the lists asked for, each as the full ranking has it: %o',
    (shape) => {
      const input = inputOf(night(shape));
      const full = rankedFacts(input);
      // Every list has facts on these nights, so an empty one below is one left out.
      for (const list of ['changed', 'found', 'failed', 'tried'] as const)
        expect(full[list].length).toBeGreaterThan(0);
      for (const only of [
        ['changed', 'failed'],
        ['found'],
        ['tried'],
        ['notes'],
        [...LISTS],
      ] as const) {
        const some = rankedFacts(input, only);
        for (const list of LISTS)
          expect(some[list]).toEqual((only as readonly string[]).includes(list) ? full[list] : []);
      }
    },
  );

  it('makes lists longer than a call takes arguments (a long night of steps skipped)', () => {
    // Node refuses a call of about 125,000 arguments or more: a list spread into push would throw.
    const count = 130_000;
    const start = Date.parse('2026-11-22T02:00:00.000Z');
    const events = [
      event('incident.opened', new Date(start).toISOString(), { title: 'x', severity: 'SEV3' }),
    ];
    for (let i = 0; i < count; i++)
      events.push(
        event('step.skipped', new Date(start + i * 100).toISOString(), {
          stepId: `s${i}`,
          reason: 'not this time',
        }),
      );
    expect(rankedFacts(inputOf(events), ['tried']).tried).toHaveLength(count);
  });
});
