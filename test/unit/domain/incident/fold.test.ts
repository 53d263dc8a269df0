import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import {
  EmptyIncidentError,
  foldIncident,
  IncidentFold,
} from '../../../../src/domain/incident/fold.js';
import { blanksToFold, ideaOf } from '../../../../src/domain/incident/ideas.js';
import { byTime } from '../../../../src/domain/incident/told.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

let clock = Date.parse('2026-11-22T02:00:00.000Z');
function ev(input: EventInput, actor = 'alice@laptop', minutesLater = 1): OncallEvent {
  clock += minutesLater * 60_000;
  return makeEvent(input, { incident: 'inc-1', actor, now: new Date(clock) });
}
const at = (iso: string) => ({ ts: iso });

describe('foldIncident', () => {
  it('derives severity history, peak, milestones, commander and responders', () => {
    clock = Date.parse('2026-11-22T02:00:00.000Z');
    const handoff = ev({ type: 'handoff', from: 'alice@laptop', to: 'carol' }, 'alice@laptop', 5);
    clock = Date.parse('2026-11-22T02:00:00.000Z');
    const events = [
      ev({
        type: 'incident.opened',
        title: 'Checkout down',
        severity: 'SEV3',
        startedAt: '2026-11-22T01:50:00.000Z',
      }),
      ev({ type: 'severity.changed', from: 'SEV3', to: 'SEV1', reason: 'all regions' }),
      ev({ type: 'note', kind: 'action', text: 'rolled back' }, 'bob@desk'),
      ev({ type: 'severity.changed', from: 'SEV1', to: 'SEV2' }),
      ev({ type: 'incident.mitigated' }),
      handoff,
      ev({ type: 'handoff.accepted', handoff: handoff.id }, 'carol@home', 2),
      ev({ type: 'incident.resolved', summary: 'fixed' }, 'carol@home'),
    ];
    const s = foldIncident(events);
    expect(s.title).toBe('Checkout down');
    expect(s.severity).toBe('SEV2');
    expect(s.peakSeverity).toBe('SEV1');
    expect(s.severityHistory.map((p) => [p.severity, p.from, p.to])).toEqual([
      ['SEV3', '2026-11-22T01:50:00.000Z', '2026-11-22T02:02:00.000Z'],
      ['SEV1', '2026-11-22T02:02:00.000Z', '2026-11-22T02:04:00.000Z'],
      ['SEV2', '2026-11-22T02:04:00.000Z', undefined],
    ]);
    expect(s.startedAt).toBe('2026-11-22T01:50:00.000Z');
    expect(s.acknowledgedAt).toBe('2026-11-22T02:01:00.000Z');
    expect(s.mitigatedAt).toBe('2026-11-22T02:05:00.000Z');
    expect(s.resolvedAt).toBe('2026-11-22T02:08:00.000Z');
    expect(s.status).toBe('resolved');
    expect(s.commander).toBe('carol');
    expect(s.handoffOffered).toBeUndefined();
    expect(s.responders).toEqual(['alice@laptop', 'bob@desk', 'carol', 'carol@home']);
    expect(s.nextUpdateDue).toBeNull();
  });

  it('folds backfilled events where they happened, not where they were written', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const events = [
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'incident.mitigated', ...at('2026-11-22T03:20:00.000Z') }, 'a', 30),
      ev({ type: 'note', kind: 'note', text: 'earlier', ...at('2026-11-22T03:10:00.000Z') }),
    ];
    expect(events[1]?.recordedAt).toBe('2026-11-22T03:31:00.000Z');
    const s = foldIncident(events);
    expect(s.mitigatedAt).toBe('2026-11-22T03:20:00.000Z');
    expect(s.notes.map((n) => n.text)).toEqual(['earlier']);
    expect(s.lastEventAt).toBe('2026-11-22T03:20:00.000Z');
  });

  it('keeps hypotheses open until ruled out, even when the ruling-out is backfilled before it', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'Bad deploy' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'DNS' }),
      ev({ type: 'note', kind: 'ruled-out', text: 'dns ', ...at('2026-11-22T03:01:30.000Z') }),
    ]);
    expect(s.openHypotheses.map((h) => h.text)).toEqual(['Bad deploy']);
    expect(s.ruledOut.map((h) => h.text)).toEqual(['dns ']);
  });

  it('pairs command starts with their ends, leaving an interrupted one open', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'command.started', runId: 'r1', argv: ['ls'], cwd: '/' }),
      ev({ type: 'command.finished', runId: 'r1', exitCode: 2, durationMs: 10, outputTail: 'no' }),
      ev({ type: 'command.started', runId: 'r2', argv: ['deploy'], cwd: '/' }),
    ]);
    expect(s.commands[0]).toMatchObject({ runId: 'r1', exitCode: 2, outputTail: 'no' });
    expect(s.commands[1]?.runId).toBe('r2');
    expect(s.commands[1]?.finishedAt).toBeUndefined();
    expect(s.commands[1]?.exitCode).toBeUndefined();
  });

  it('tracks the promised next update from the events that set it', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({
        type: 'incident.opened',
        title: 't',
        severity: 'SEV2',
        nextUpdateDue: '2026-11-22T03:31:00.000Z',
      }),
      ev({ type: 'update.sent', text: 'investigating', nextUpdateDue: '2026-11-22T03:32:00.000Z' }),
    ]);
    expect(s.lastUpdateAt).toBe('2026-11-22T03:02:00.000Z');
    expect(s.nextUpdateDue).toBe('2026-11-22T03:32:00.000Z');
  });

  it('refuses a log with no incident.opened', () => {
    expect(() => foldIncident([])).toThrow(EmptyIncidentError);
  });

  it('closes every hypothesis of the same idea, in any case and spacing, and keeps the rest in order', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const s = foldIncident([
      ev({ type: 'incident.opened', title: 't', severity: 'SEV2' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'DNS  is flaky' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'cache stampede' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'dns is FLAKY' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'bad deploy' }),
      ev({ type: 'note', kind: 'ruled-out', text: ' dns\tis flaky ' }),
      // Noted again after it was ruled out: it stays closed.
      ev({ type: 'note', kind: 'hypothesis', text: 'DNS is flaky' }),
    ]);
    expect(s.openHypotheses.map((h) => h.text)).toEqual(['cache stampede', 'bad deploy']);
    expect(s.notes).toHaveLength(6);
  });
});

describe('ideaOf', () => {
  it('trims, lowercases and folds runs of blanks', () => {
    expect(ideaOf('  The  DB\n pool ')).toBe('the db pool');
    expect(ideaOf('the db pool')).toBe(ideaOf('THE DB POOL'));
    expect(ideaOf('the db pool')).not.toBe(ideaOf('the db-pool'));
  });

  it('folds every kind of blank as trim, lowercase and one space would', () => {
    const reference = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');
    for (const text of [
      'plain words',
      ' leading',
      ' leading, then  two',
      '\tleading tab',
      'trailing ',
      'trailing, after  two ',
      'trailing, after a\u00a0break ',
      ' both ends, one space between ',
      'two  spaces',
      'a\ttab',
      'a\nline',
      'no\u00a0break',
      'em\u2003 space',
      'ÜBER Straße',
      '',
      '   ',
    ])
      expect(ideaOf(text)).toBe(reference(text));
  });
});

describe('blanksToFold', () => {
  it('says what /^\\s|\\s$|\\s\\s|[^\\S ]/ says, for every character alone, inside and beside a space', () => {
    const regex = /^\s|\s$|\s\s|[^\S ]/;
    const texts = ['', 'a', 'plain words', ' a', 'a ', 'a  b', 'a b c'];
    for (let c = 0; c < 0x10000; c++) {
      const char = String.fromCharCode(c);
      texts.push(char, `a${char}b`, `a ${char}b`, `a${char} b`, `ab${char}`);
    }
    const differing = texts.filter((text) => blanksToFold(text) !== regex.test(text));
    expect(differing).toEqual([]);
    expect(texts.filter((text) => blanksToFold(text)).length).toBeGreaterThan(100);
  });
});

describe('byTime', () => {
  it('returns a log already in time order as it is, without a copy', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const events = [ev({ type: 'incident.opened', title: 't', severity: 'SEV2' })];
    events.push(ev({ type: 'note', kind: 'note', text: 'a' }));
    expect(byTime(events)).toBe(events);
  });

  it('sorts a copy when an event was backfilled, ties in log order', () => {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    const opened = ev({ type: 'incident.opened', title: 't', severity: 'SEV2' });
    const late = ev({ type: 'note', kind: 'note', text: 'late' }, 'a', 10);
    const tieA = ev({ type: 'note', kind: 'note', text: 'tie a', ...at(opened.ts) });
    const tieB = ev({ type: 'note', kind: 'note', text: 'tie b', ...at(opened.ts) });
    const events = [opened, late, tieA, tieB];
    const ordered = byTime(events);
    expect(ordered).not.toBe(events);
    expect(ordered).toEqual([opened, tieA, tieB, late]);
    expect(events).toEqual([opened, late, tieA, tieB]);
  });
});

describe('byTime against a plain stable sort', () => {
  it('keeps the causal order and moves each backfilled event to when it happened', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(random() * 40);
      let minute = 0;
      const events = Array.from({ length: n }, (_, i) => {
        // Mostly forward, now and then the same instant, now and then backfilled (--at).
        const r = random();
        const note = ev({ type: 'note', kind: 'note', text: `n${i}` });
        if (r < 0.2) {
          const at = minute - Math.floor(random() * 10);
          const ts = new Date(Date.UTC(2026, 10, 22, 3, 0) + at * 60_000).toISOString();
          return { ...note, ts, recordedAt: note.ts };
        }
        minute += r < 0.8 ? 1 : 0;
        const ts = new Date(Date.UTC(2026, 10, 22, 3, 0) + minute * 60_000).toISOString();
        return { ...note, ts };
      });
      // Told at its time; at one instant, what was written then before what was written down later.
      const reference = events
        .map((e, i) => ({ e, i, later: e.recordedAt ? 1 : 0 }))
        .sort((a, b) =>
          a.e.ts < b.e.ts ? -1 : a.e.ts > b.e.ts ? 1 : a.later - b.later || a.i - b.i,
        )
        .map(({ e }) => e);
      expect(byTime(events)).toEqual(reference);
    }
  });

  it('never reorders events that were not backfilled, whatever their clocks said', () => {
    const first = {
      ...ev({ type: 'note', kind: 'note', text: 'cause' }),
      ts: '2026-11-22T05:00:00.000Z',
    };
    const second = {
      ...ev({ type: 'note', kind: 'note', text: 'effect' }),
      ts: '2026-11-22T02:00:00.000Z',
    };
    expect(byTime([first, second])).toEqual([first, second]);
  });
});

describe('IncidentFold', () => {
  function night(): OncallEvent[] {
    clock = Date.parse('2026-11-22T03:00:00.000Z');
    return [
      ev({ type: 'incident.opened', title: 't', severity: 'SEV3' }),
      ev({ type: 'note', kind: 'hypothesis', text: 'dns' }),
      ev({ type: 'command.started', runId: 'r1', argv: ['ls'], cwd: '/' }),
      ev({ type: 'severity.changed', from: 'SEV3', to: 'SEV2' }, 'bob@desk'),
      ev({ type: 'command.finished', runId: 'r1', exitCode: 0, durationMs: 5, outputTail: '' }),
      ev({ type: 'note', kind: 'ruled-out', text: 'DNS' }, 'carol@home'),
      ev({ type: 'note', kind: 'hypothesis', text: 'cache' }),
      ev({ type: 'handoff', from: 'alice@laptop', to: 'bob' }),
    ];
  }

  it('adding events one at a time folds to what folding them at once gives', () => {
    const events = night();
    for (let split = 1; split <= events.length; split++) {
      const fold = new IncidentFold(events.slice(0, split));
      for (const e of events.slice(split)) expect(fold.add(e)).toBe(true);
      expect(fold.state).toEqual(foldIncident(events));
    }
  });

  it('refuses an event that happened before the last one folded, changing nothing', () => {
    const events = night();
    const fold = new IncidentFold(events);
    const before = structuredClone(fold.state);
    const backfilled = ev({
      type: 'note',
      kind: 'note',
      text: 'earlier',
      ...at(events[2]?.ts ?? ''),
    });
    expect(fold.add(backfilled)).toBe(false);
    expect(fold.state).toEqual(before);
    // Folding the whole log again places it where it happened.
    expect(foldIncident([...events, backfilled]).notes.map((n) => n.text)).toEqual([
      'dns',
      'earlier',
      'DNS',
      'cache',
    ]);
  });

  it('accepts an event at the same instant as the last one (ties keep log order)', () => {
    const events = night();
    const fold = new IncidentFold(events);
    const tie = ev({
      type: 'note',
      kind: 'hypothesis',
      text: 'tie',
      ...at(events.at(-1)?.ts ?? ''),
    });
    expect(fold.add(tie)).toBe(true);
    expect(fold.state).toEqual(foldIncident([...events, tie]));
  });
});
