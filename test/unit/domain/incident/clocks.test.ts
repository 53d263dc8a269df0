// Three laptops on one incident: ann's clock is 3 h behind, ben's is right,
// cat's is 3 h ahead. Each event is stamped as oncall stamps it (hlc: the
// latest of the laptop's clock and every hlc seen; lamport: one more than the
// highest seen). Every laptop must list causes first, say whose clock is off,
// show times in its own clock, and find the next update due from its own clock.
import { describe, expect, it } from 'vitest';
import {
  CLOCK_TOLERANCE_MS,
  clockLine,
  estimateClocks,
  ownClockSuspect,
  shownTime,
} from '../../../../src/domain/incident/clocks.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { causalOrder } from '../../../../src/domain/incident/order.js';
import { event } from '../../../helpers/events.js';

const H = 3_600_000;
const MIN = 60_000;
/** How close to real time a corrected time must be: hours off before, minutes now. */
const WITHIN = 5 * MIN;
const T0 = Date.UTC(2026, 2, 12, 2, 0);
const iso = (ms: number) => new Date(ms).toISOString();

interface Laptop {
  actor: string;
  offset: number;
  seen: OncallEvent[];
  arrived: Map<string, number>;
  lamport: number;
  hlc: number;
}

const remote: OncallEvent[] = [];
const laptops: Record<'ann' | 'ben' | 'cat', Laptop> = {
  ann: { actor: 'ann@a', offset: -3 * H, seen: [], arrived: new Map(), lamport: 0, hlc: 0 },
  ben: { actor: 'ben@b', offset: 0, seen: [], arrived: new Map(), lamport: 0, hlc: 0 },
  cat: { actor: 'cat@c', offset: 3 * H, seen: [], arrived: new Map(), lamport: 0, hlc: 0 },
};
/** What each event's author had seen when recording it. */
const causes = new Map<string, Set<string>>();

function fetch(l: Laptop, real: number): void {
  for (const e of remote) {
    if (l.seen.includes(e)) continue;
    l.seen.push(e);
    l.arrived.set(e.id, real + l.offset);
    l.lamport = Math.max(l.lamport, e.lamport ?? 0);
    l.hlc = Math.max(l.hlc, Date.parse(e.hlc ?? e.ts));
  }
}

function record(
  l: Laptop,
  minute: number,
  type: string,
  fields: Record<string, unknown>,
): OncallEvent {
  const real = T0 + minute * MIN;
  fetch(l, real);
  const clock = real + l.offset;
  l.lamport += 1;
  l.hlc = Math.max(l.hlc, clock);
  const e = {
    ...event(type, iso(clock), fields),
    actor: l.actor,
    lamport: l.lamport,
    hlc: iso(l.hlc),
  } as OncallEvent;
  causes.set(e.id, new Set(l.seen.map((s) => s.id)));
  l.seen.push(e);
  l.arrived.set(e.id, clock);
  remote.push(e);
  // Background syncs and --follow: every laptop has it within half a minute.
  for (const other of Object.values(laptops)) fetch(other, real + 30_000);
  return e;
}

const { ann, ben, cat } = laptops;
record(ben, 0, 'incident.opened', { title: 'Checkout', severity: 'SEV2' });
record(ann, 2, 'responder.joined', {});
record(cat, 3, 'responder.joined', {});
record(cat, 10, 'severity.changed', { from: 'SEV2', to: 'SEV1' });
const answer = record(ann, 12, 'note', { kind: 'ruled-out', text: 'db pool (after SEV1)' });
record(ben, 15, 'update.sent', { text: 'update 1', nextUpdateDue: iso(T0 + 15 * MIN + 15 * MIN) });
record(ann, 16, 'note', { kind: 'action', text: 'rollback started' });
record(cat, 17, 'note', { kind: 'finding', text: 'errors dropping' });
for (const l of Object.values(laptops)) fetch(l, T0 + 20 * MIN);

function clocksOf(me: Laptop): Record<string, number> {
  const peers = new Map<string, OncallEvent[]>();
  for (const e of me.seen)
    if (e.actor !== me.actor) peers.set(e.actor, [...(peers.get(e.actor) ?? []), e]);
  // Each laptop synced after every event: each peer event arrived alone.
  let clocks: Record<string, number> = {};
  for (const e of me.seen.filter((x) => x.actor !== me.actor)) {
    clocks = estimateClocks({
      own: me.seen.filter(
        (x) => x.actor === me.actor && (me.arrived.get(x.id) ?? 0) <= (me.arrived.get(e.id) ?? 0),
      ),
      peers,
      arrived: [e],
      arrivedAt: new Date(me.arrived.get(e.id) as number),
      before: clocks,
    });
  }
  return clocks;
}

describe('causal order with clocks 3 h apart', () => {
  it('lists every cause before its effect, the same on every laptop', () => {
    const orders = Object.values(laptops).map((l) => causalOrder([l.seen]).map((e) => e.id));
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    const position = new Map(orders[0]?.map((id, i) => [id, i]));
    for (const [id, saw] of causes) {
      for (const cause of saw) expect(position.get(cause)).toBeLessThan(position.get(id) as number);
    }
    // The answer (ann, clock 3 h behind) comes after the SEV1 it answers (cat, 3 h ahead).
    expect(orders[0]?.indexOf(answer.id)).toBeGreaterThan(3);
  });

  it('says whose clock is off, and shows their times in this laptop’s clock', () => {
    const seenByBen = clocksOf(ben);
    expect(seenByBen['cat@c']).toBeGreaterThan(3 * H - WITHIN);
    expect(seenByBen['ann@a']).toBeLessThan(-3 * H + WITHIN);
    // Right clocks agree: nothing said, nothing corrected.
    expect(
      estimateClocks({
        own: [],
        peers: new Map([['x@y', []]]),
        arrived: [],
        arrivedAt: new Date(T0),
        before: {},
      }),
    ).toEqual({});
    expect(CLOCK_TOLERANCE_MS).toBe(MIN);
    expect(clockLine('cat@c', seenByBen['cat@c'] as number)).toBe(
      "cat@c's clock is about 3 h ahead of yours: their times are shown corrected",
    );
    for (const e of ben.seen) {
      const shown = Date.parse(shownTime(e, seenByBen).at);
      const real = Date.parse(e.ts) - laptops[e.actor.slice(0, 3) as 'ann'].offset;
      // Within the time between two events of a peer (the bound is how fresh what they had seen was).
      expect(Math.abs(shown - real)).toBeLessThan(WITHIN);
    }
    // Ann sees both peers ahead of her: her own clock is the odd one.
    const seenByAnn = clocksOf(ann);
    expect(ownClockSuspect(seenByAnn, 2)).toBe(true);
    expect(ownClockSuspect(seenByBen, 2)).toBe(false);
  });

  it('finds the next update due from its own clock, not the sender’s', () => {
    for (const me of Object.values(laptops)) {
      const state = foldIncident(causalOrder([me.seen]), { clocks: clocksOf(me) });
      const dueReal = Date.parse(state.nextUpdateDue as string) - me.offset;
      // Due at 02:30 real on every laptop, within the sync's lag.
      expect(Math.abs(dueReal - (T0 + 30 * MIN))).toBeLessThan(WITHIN);
    }
  });
});
