// Several responders' logs folded to one order and one state, the same on every
// laptop: whatever order the files come in, whatever their clocks said.
import { describe, expect, it } from 'vitest';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { causalOrder, highestCounter } from '../../../../src/domain/incident/order.js';
import { event } from '../../../helpers/events.js';

const by = (actor: string, lamport: number | undefined, e: OncallEvent): OncallEvent =>
  ({ ...e, actor, ...(lamport === undefined ? {} : { lamport }) }) as OncallEvent;

const ids = (events: readonly OncallEvent[]) => events.map((e) => e.id);

describe('causalOrder', () => {
  const opened = by(
    'alice@a',
    1,
    event('incident.opened', '2026-03-12T02:10:00.000Z', {
      title: 'Checkout returns 500',
      severity: 'SEV2',
    }),
  );
  const aliceNote = by(
    'alice@a',
    2,
    event('note', '2026-03-12T02:12:00.000Z', { kind: 'note', text: 'a' }),
  );
  // Bob's clock runs 20 minutes behind, but he saw alice's note before writing his.
  const bobNote = by(
    'bob@b',
    3,
    event('note', '2026-03-12T01:53:00.000Z', { kind: 'note', text: 'b' }),
  );
  const alice = [opened, aliceNote];
  const bob = [bobNote];

  it('is the same whichever file comes first', () => {
    expect(ids(causalOrder([alice, bob]))).toEqual(ids(causalOrder([bob, alice])));
    expect(ids(causalOrder([alice, bob]))).toEqual([opened.id, aliceNote.id, bobNote.id]);
  });

  it('counts an event that arrives twice once', () => {
    const merged = causalOrder([alice, bob, [bobNote], [opened]]);
    expect(ids(merged)).toEqual([opened.id, aliceNote.id, bobNote.id]);
  });

  it('sorts an event by its own counter, wherever a copy of it sits', () => {
    // One responder on two laptops: the remote file interleaves both laptops'
    // events, each laptop's own log holds its own; either copy sorts the same.
    const first = by(
      'carol@c',
      5,
      event('note', '2026-03-12T02:20:00.000Z', { kind: 'note', text: '1' }),
    );
    const second = by(
      'carol@c',
      4,
      event('note', '2026-03-12T02:19:00.000Z', { kind: 'note', text: '2' }),
    );
    const remoteCopy = causalOrder([alice, [first, second]]);
    const ownLogFirst = causalOrder([[second], alice, [first, second]]);
    expect(ids(ownLogFirst)).toEqual(ids(remoteCopy));
    expect(ids(remoteCopy).indexOf(second.id)).toBeLessThan(ids(remoteCopy).indexOf(first.id));
  });

  it('gives a log written before the counter its file order', () => {
    const legacy = [
      event('incident.opened', '2026-03-12T02:10:00.000Z', { title: 't', severity: 'SEV3' }),
      event('note', '2026-03-12T02:11:00.000Z', { kind: 'note', text: 'x' }),
    ];
    expect(causalOrder([legacy])).toEqual(legacy);
    expect(highestCounter([legacy])).toBe(2);
    // A peer who saw both writes 3; a later legacy line still comes after its own.
    expect(
      highestCounter([legacy, [by('bob@b', 3, event('note', '2026-03-12T02:12:00.000Z'))]]),
    ).toBe(3);
  });
});

describe('the fold across laptops', () => {
  const opened = by(
    'alice@a',
    1,
    event('incident.opened', '2026-03-12T02:10:00.000Z', {
      title: 'Checkout returns 500',
      severity: 'SEV2',
    }),
  );
  // Alice hands off to bob; bob's clock is behind, so his accept carries an earlier ts.
  const handoff = by(
    'alice@a',
    2,
    event('handoff', '2026-03-12T03:00:00.000Z', {
      from: 'alice@a',
      to: 'bob',
    }),
  );
  const raised = by(
    'alice@a',
    3,
    event('severity.changed', '2026-03-12T03:01:00.000Z', {
      from: 'SEV2',
      to: 'SEV1',
    }),
  );
  const lowered = by(
    'bob@b',
    4,
    event('severity.changed', '2026-03-12T02:50:00.000Z', {
      from: 'SEV1',
      to: 'SEV3',
    }),
  );
  const accepted = by(
    'bob@b',
    5,
    event('handoff.accepted', '2026-03-12T02:51:00.000Z', {
      handoff: handoff.id,
    }),
  );

  it('decides by the counter, so a clock behind cannot undo a later decision', () => {
    const a = foldIncident(
      causalOrder([
        [opened, handoff, raised],
        [lowered, accepted],
      ]),
    );
    const b = foldIncident(
      causalOrder([
        [lowered, accepted],
        [opened, handoff, raised],
      ]),
    );
    expect(a.severity).toBe('SEV3');
    expect(a.commander).toBe('bob');
    expect(a.handoffOffered).toBeUndefined();
    expect(b).toEqual(a);
    // The story is told causes first: bob lowered it after he saw alice raise it, whatever his clock said.
    expect(a.severityHistory.map((p) => p.severity)).toEqual(['SEV2', 'SEV1', 'SEV3']);
  });

  it('keeps the outgoing commander until the incoming one accepts the handoff offered', () => {
    const state = foldIncident(causalOrder([[opened, handoff]]));
    expect(state.commander).toBe('alice@a');
    expect(state.handoffOffered?.id).toBe(handoff.id);
  });
});
