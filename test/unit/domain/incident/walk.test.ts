// One reading of a walk's step events, shared by the walk machine, the drill's
// debrief, `oncall status` and the texts: the latest word on a step wins, only
// the latest runbook's walk counts, and the tally keeps the runbook's order.
import { describe, expect, it } from 'vitest';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import {
  noOutcomes,
  noteOutcome,
  summarizeSteps,
  walkRecord,
  walkStart,
} from '../../../../src/domain/incident/walk.js';
import { event } from '../../../helpers/events.js';

let minute = 0;
/** A step event one minute after the previous one. */
function at(type: string, fields: Record<string, unknown> = {}): OncallEvent {
  minute += 1;
  const ts = new Date(Date.UTC(2026, 10, 22, 2, minute)).toISOString();
  return event(type, ts, fields);
}

const attached = (id: string) =>
  at('runbook.attached', { runbook: { id, title: id, file: `${id}.md`, hash: 'h' } });

describe('noteOutcome', () => {
  it('lets the latest word on a step win', () => {
    const o = noOutcomes();
    noteOutcome(o, at('step.skipped', { stepId: 'a', reason: 'later' }));
    noteOutcome(o, at('step.completed', { stepId: 'a' }));
    noteOutcome(o, at('step.completed', { stepId: 'b' }));
    noteOutcome(o, at('step.skipped', { stepId: 'b', reason: 'undone' }));
    expect([...o.completed]).toEqual(['a']);
    expect([...o.skipped]).toEqual([['b', 'undone']]);
  });

  it('counts a decision as done and keeps the choice', () => {
    const o = noOutcomes();
    noteOutcome(o, at('step.skipped', { stepId: 'd', reason: 'unsure' }));
    noteOutcome(o, at('step.decided', { stepId: 'd', choice: 'Roll back', next: 'rb' }));
    expect(o.completed.has('d')).toBe(true);
    expect(o.skipped.has('d')).toBe(false);
    expect(o.decisions.get('d')).toEqual({ choice: 'Roll back', next: 'rb' });
  });

  it('ignores events that say nothing about a step outcome', () => {
    const o = noOutcomes();
    noteOutcome(o, at('step.started', { stepId: 'a' }));
    noteOutcome(o, at('note', { kind: 'note', text: 'x' }));
    expect(o).toEqual(noOutcomes());
  });
});

describe('walkStart', () => {
  it('is the latest runbook attachment, or the start of the log', () => {
    const events = [at('incident.opened'), attached('one'), at('note'), attached('two')];
    expect(walkStart(events)).toBe(3);
    expect(walkStart([at('incident.opened')])).toBe(0);
  });
});

describe('walkRecord', () => {
  it('reads only the walk of the latest runbook', () => {
    const record = walkRecord([
      attached('one'),
      at('step.skipped', { stepId: 'old', reason: 'other runbook' }),
      at('walk.finished'),
      attached('two'),
      at('step.completed', { stepId: 'first' }),
    ]);
    expect([...record.completed]).toEqual(['first']);
    expect(record.skippedSteps).toEqual([]);
    expect(record.finished).toBe(false);
  });

  it('is finished after walk.finished, until a step is taken up again', () => {
    const done = [attached('rb'), at('step.completed', { stepId: 'a' }), at('walk.finished')];
    expect(walkRecord(done).finished).toBe(true);
    expect(walkRecord([...done, at('walk.moved', { to: 'a', reason: 'jump' })]).finished).toBe(
      false,
    );
    expect(walkRecord([...done, at('step.started', { stepId: 'a' })]).finished).toBe(false);
    expect(walkRecord([...done, at('note', { kind: 'note', text: 'x' })]).finished).toBe(true);
  });

  it('says when each step still skipped was skipped, the latest time', () => {
    const first = at('step.skipped', { stepId: 'a', reason: 'no access' });
    const again = at('step.skipped', { stepId: 'a', reason: 'still no access' });
    const other = at('step.skipped', { stepId: 'b', reason: 'later' });
    const record = walkRecord([
      attached('rb'),
      first,
      other,
      at('step.completed', { stepId: 'b' }),
      again,
    ]);
    expect(record.skippedSteps).toEqual([{ stepId: 'a', reason: 'still no access', ts: again.ts }]);
  });
});

describe('summarizeSteps', () => {
  const record = walkRecord([
    attached('rb'),
    at('step.completed', { stepId: 'c' }),
    at('step.skipped', { stepId: 'b', reason: 'known bad' }),
    at('step.decided', { stepId: 'd', choice: 'Page the lead', next: 'page' }),
    at('step.completed', { stepId: 'a' }),
  ]);

  it('tallies in the runbook order, leaving out steps it no longer has', () => {
    expect(summarizeSteps(record, ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual({
      done: 3,
      skipped: [{ stepId: 'b', reason: 'known bad' }],
      decisions: [{ stepId: 'd', choice: 'Page the lead' }],
      untouched: 2,
    });
    expect(summarizeSteps(record, ['a', 'b']).done).toBe(1);
  });

  it('without the runbook, tallies what the log dealt with', () => {
    expect(summarizeSteps(record)).toEqual({
      done: 3,
      skipped: [{ stepId: 'b', reason: 'known bad' }],
      decisions: [{ stepId: 'd', choice: 'Page the lead' }],
      untouched: 0,
    });
  });
});
