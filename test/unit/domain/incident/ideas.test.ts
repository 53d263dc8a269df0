import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { closestHypothesis, type NoteEntry } from '../../../../src/domain/incident/ideas.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

let clock = Date.parse('2026-11-22T02:00:00.000Z');
function ev(input: EventInput, minutesLater = 1): OncallEvent {
  clock += minutesLater * 60_000;
  return makeEvent(input, { incident: 'inc-1', actor: 'alice@laptop', now: new Date(clock) });
}
const opened = () => ev({ type: 'incident.opened', title: 't', severity: 'SEV2' });
const hypothesis = (text: string) => ev({ type: 'note', kind: 'hypothesis', text });

describe('ruled-out notes', () => {
  it('close every open hypothesis of their idea at once, and only those', () => {
    const state = foldIncident([
      opened(),
      hypothesis('DB config drift'),
      hypothesis(' db config drift'),
      hypothesis('dns flapping'),
      hypothesis('db  config drift '),
      ev({ type: 'note', kind: 'confirmed', text: 'db config drift' }),
      ev({ type: 'note', kind: 'ruled-out', text: 'DB config drift' }),
      hypothesis('db config drift'),
    ]);
    expect(state.openHypotheses.map((h) => h.text)).toEqual(['dns flapping']);
    // The confirmation took the first of them; the ruling-out closed the other two.
    expect(state.confirmed[0]?.hypothesis?.text).toBe('DB config drift');
    expect(state.ruledOut).toHaveLength(1);
  });
});

describe('confirmed causes', () => {
  it('close the hypothesis they name by id, and keep it with the cause', () => {
    const pool = hypothesis('connection pool exhausted on db-1');
    const dns = hypothesis('DNS flapping');
    const state = foldIncident([
      opened(),
      pool,
      dns,
      ev({
        type: 'note',
        kind: 'confirmed',
        text: 'db-1 pool at 100/100 connections',
        hypothesis: pool.id,
      }),
    ]);
    expect(state.openHypotheses.map((h) => h.text)).toEqual(['DNS flapping']);
    expect(state.confirmed).toHaveLength(1);
    expect(state.confirmed[0]?.text).toBe('db-1 pool at 100/100 connections');
    expect(state.confirmed[0]?.hypothesis?.id).toBe(pool.id);
  });

  it('by id, also after other hypotheses opened and closed since the first confirmation', () => {
    const a = hypothesis('pool exhausted');
    const b = hypothesis('dns flapping');
    const c = hypothesis('cache cold');
    const d = hypothesis('bad deploy');
    const e = hypothesis('bad deploy');
    const state = foldIncident([
      opened(),
      a,
      b,
      ev({ type: 'note', kind: 'confirmed', text: 'it was the pool', hypothesis: a.id }),
      c,
      d,
      ev({ type: 'note', kind: 'ruled-out', text: 'Bad deploy' }),
      e,
      ev({ type: 'note', kind: 'confirmed', text: 'and the cache', hypothesis: c.id }),
      // A ruled-out hypothesis named afterwards: closed already, so the cause stands alone.
      ev({ type: 'note', kind: 'confirmed', text: 'the deploy after all', hypothesis: d.id }),
    ]);
    expect(state.openHypotheses.map((h) => h.id)).toEqual([b.id]);
    expect(state.confirmed.map((x) => x.hypothesis?.id)).toEqual([a.id, c.id, undefined]);
  });

  it('without an id, close a hypothesis of the same text; with none open, stand alone', () => {
    const state = foldIncident([
      opened(),
      hypothesis('Bad deploy 4.2'),
      ev({ type: 'note', kind: 'confirmed', text: 'bad deploy  4.2' }),
      ev({ type: 'note', kind: 'confirmed', text: 'cache stampede' }),
    ]);
    expect(state.openHypotheses).toEqual([]);
    expect(state.confirmed.map((c) => [c.text, c.hypothesis?.text])).toEqual([
      ['bad deploy  4.2', 'Bad deploy 4.2'],
      ['cache stampede', undefined],
    ]);
  });

  it('close a hypothesis backfilled to before the confirmation', () => {
    clock = Date.parse('2026-11-22T02:00:00.000Z');
    const early = makeEvent(
      { type: 'note', kind: 'hypothesis', text: 'pool', ts: '2026-11-22T02:01:30.000Z' },
      { incident: 'inc-1', actor: 'bob@desk', now: new Date('2026-11-22T02:10:00.000Z') },
    );
    const state = foldIncident([
      opened(),
      ev({ type: 'note', kind: 'confirmed', text: 'pool it was', hypothesis: early.id }),
      early,
    ]);
    expect(state.openHypotheses).toEqual([]);
    expect(state.confirmed[0]?.hypothesis?.id).toBe(early.id);
  });
});

describe('closestHypothesis', () => {
  const entry = (id: string, text: string): NoteEntry => ({
    id,
    ts: '2026-11-22T02:00:00.000Z',
    actor: 'a',
    kind: 'hypothesis',
    text,
  });
  const open = [
    entry('h1', 'connection pool exhausted on db-1'),
    entry('h2', 'DNS resolution failing in eu-west'),
    entry('h3', 'bad deploy of checkout 4.2'),
  ];

  it('picks the one whose words it shares most', () => {
    expect(closestHypothesis('db-1 pool at 100/100 connections', open)?.id).toBe('h1');
    expect(closestHypothesis('It was DNS: resolution fails for eu-west', open)?.id).toBe('h2');
    expect(closestHypothesis('the checkout 4.2 deploy', open)?.id).toBe('h3');
  });

  it('picks none when it shares too little with every one', () => {
    expect(closestHypothesis('cosmic rays', open)).toBeUndefined();
    expect(closestHypothesis('it was the network', [entry('h4', 'the database was slow')])).toBe(
      undefined,
    );
    expect(closestHypothesis('the pool of workers in the queue and cron', open)).toBeUndefined();
    expect(closestHypothesis('anything', [])).toBeUndefined();
  });
});
