// Every responder's file merged into one list: an event is its actor's only
// from that actor's own file; a reused id is settled one way on every laptop,
// whatever order the files come in; what is not vouched for is shown, flagged,
// and decides nothing.
import { describe, expect, it } from 'vitest';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { type LogSource, mergeLogs } from '../../../../src/domain/incident/merge.js';
import { unverified } from '../../../../src/domain/incident/provenance.js';
import { describeEvent } from '../../../../src/domain/render/describe.js';
import { responderName } from '../../../../src/domain/share/responder.js';
import { event } from '../../../helpers/events.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 12, 2, minute)).toISOString();

function by(actor: string, lamport: number, e: OncallEvent): OncallEvent {
  return { ...e, actor, lamport, hlc: e.ts } as OncallEvent;
}

const file = (actor: string, events: OncallEvent[], extra: Partial<LogSource['owner']> = {}) => ({
  file: `peers/${responderName(actor)}.jsonl`,
  events,
  owner: { name: responderName(actor), ...extra },
});

function night() {
  const opened = by(
    'alice@a',
    1,
    event('incident.opened', at(0), { title: 'Checkout', severity: 'SEV2' }),
  );
  const raised = by('alice@a', 2, event('severity.changed', at(5), { from: 'SEV2', to: 'SEV1' }));
  const note = by('bob@b', 3, event('note', at(6), { kind: 'finding', text: 'db pool full' }));
  // Mallory writes, in her own file, a handoff "by" alice and a lowered severity "by" alice.
  const forgedHandoff = by(
    'alice@a',
    4,
    event('handoff', at(7), { from: 'alice@a', to: 'mallory' }),
  );
  const forgedLower = by(
    'alice@a',
    5,
    event('severity.changed', at(8), { from: 'SEV1', to: 'SEV4' }),
  );
  const own = by('mallory@m', 6, event('note', at(9), { kind: 'note', text: 'hi' }));
  return { opened, raised, note, forgedHandoff, forgedLower, own };
}

describe('authorship', () => {
  it("trusts an event only from its actor's own file; the rest is flagged and decides nothing", () => {
    const n = night();
    const { events } = mergeLogs([
      { file: 'events.jsonl', events: [n.opened, n.raised] },
      file('bob@b', [n.note]),
      file('mallory@m', [n.forgedHandoff, n.forgedLower, n.own]),
    ]);
    expect(events.map((e) => e.id)).toEqual(
      [n.opened, n.raised, n.note, n.forgedHandoff, n.forgedLower, n.own].map((e) => e.id),
    );
    expect(unverified(n.forgedHandoff)).toBe("recorded as alice@a but found in mallory@m's file");
    expect(unverified(n.own)).toBeUndefined();
    expect(unverified(n.note)).toBeUndefined();
    const state = foldIncident(events);
    expect(state.severity).toBe('SEV1');
    expect(state.commander).toBe('alice@a');
    expect(state.handoffOffered).toBeUndefined();
    expect(state.responders).not.toContain('mallory');
    expect(describeEvent(n.forgedLower, new Map())).toBe(
      "severity SEV1 → SEV4 [unverified: recorded as alice@a but found in mallory@m's file]",
    );
  });

  it('with signing on, a file no allowed signer wrote vouches for nothing', () => {
    const n = night();
    const { events } = mergeLogs([
      { file: 'events.jsonl', events: [n.opened] },
      file('bob@b', [n.note], { unsigned: true }),
    ]);
    expect(events).toHaveLength(2);
    expect(unverified(n.note)).toBe("bob@b's file is not signed by an allowed signer");
  });

  it("reads an older share's file names as their owners' too", () => {
    const note = by('bob@b', 2, event('note', at(3), { kind: 'note', text: 'old' }));
    mergeLogs([{ file: 'b.jsonl', events: [note], owner: { name: 'bob@b' } }]);
    expect(unverified(note)).toBeUndefined();
  });
});

describe('a reused id', () => {
  it('is settled the same way whatever order the files come in, the loser reported', () => {
    const n = night();
    // Carol's file reuses the id of alice's raise with other content, and sorts first.
    const reuse = {
      ...by('carol@c', 2, event('severity.changed', at(4), { from: 'SEV2', to: 'SEV4' })),
      id: n.raised.id,
    } as OncallEvent;
    const alice = {
      file: 'peers/alice.jsonl',
      events: [n.opened, n.raised],
      owner: { name: responderName('alice@a') },
    };
    const carol = file('carol@c', [reuse]);
    const one = mergeLogs([carol, alice]);
    const two = mergeLogs([alice, carol]);
    expect(one.events.map((e) => [e.id, e.actor])).toEqual(two.events.map((e) => [e.id, e.actor]));
    expect(one.reused).toHaveLength(1);
    expect(two.reused).toHaveLength(1);
    expect(foldIncident(one.events).severity).toBe(foldIncident(two.events).severity);
  });

  it("prefers a copy that is its actor's over one that claims it", () => {
    const n = night();
    const claim = { ...n.raised, to: 'SEV4' } as OncallEvent;
    const { events, reused } = mergeLogs([
      file('mallory@m', [claim]),
      {
        file: 'peers/alice.jsonl',
        events: [n.opened, n.raised],
        owner: { name: responderName('alice@a') },
      },
    ]);
    expect(events.find((e) => e.id === n.raised.id)).toBe(n.raised);
    expect(reused[0]?.file).toBe(`peers/${responderName('mallory@m')}.jsonl`);
    expect(foldIncident(events).severity).toBe('SEV1');
  });

  it('counts the same event from two copies once, and says nothing', () => {
    const n = night();
    const { events, reused } = mergeLogs([
      { file: 'events.jsonl', events: [n.opened, n.raised] },
      file('alice@a', [{ ...n.raised }, { ...n.opened }]),
    ]);
    expect(events).toHaveLength(2);
    expect(reused).toEqual([]);
  });
});
