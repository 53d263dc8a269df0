// What is shown is cut per event; the log keeps it all.
import { describe, expect, it } from 'vitest';
import {
  CUT_AT,
  cutEvent,
  cutEvents,
  NOTHING_TO_CUT_UP_TO,
} from '../../../../src/domain/incident/cut.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { event } from '../../../helpers/events.js';

describe('cutEvent', () => {
  it('cuts a 50 MB note to its first characters, saying how much is left and where it is', () => {
    const huge = event('note', '2026-03-12T02:10:00.000Z', {
      kind: 'note',
      text: 'x'.repeat(50_000_000),
    });
    const cut = cutEvent(
      huge,
      '/home/bob/.local/share/oncall/incidents/i/peers/alice.jsonl',
    ) as OncallEvent & { text: string };
    expect(cut.text.length).toBeLessThan(CUT_AT + 200);
    expect(cut.text).toMatch(/ … \[cut: 50\.0 MB more; whole in \/home\/bob\/.*alice\.jsonl\]$/);
    expect(cut.id).toBe(huge.id);
    // The event read from the log is left as it was.
    expect((huge as OncallEvent & { text: string }).text).toHaveLength(50_000_000);
  });

  it('keeps the first items of a long list, and leaves small events alone (no copy)', () => {
    const argv = Array.from({ length: 100_000 }, (_, i) => `arg${i}`);
    const run = event('command.started', '2026-03-12T02:10:00.000Z', {
      runId: 'r',
      argv,
      cwd: '/',
    });
    const cut = cutEvent(run, 'events.jsonl') as OncallEvent & { argv: string[] };
    expect(cut.argv.length).toBeLessThan(1_000);
    expect(cut.argv.at(-1)).toMatch(/^… \[cut: \d+ more items; whole in events\.jsonl\]$/);
    const small = event('note', '2026-03-12T02:10:00.000Z', { kind: 'note', text: 'fine' });
    expect(cutEvent(small, 'events.jsonl')).toBe(small);
  });
});

/** Events whose JSON line is as long as NOTHING_TO_CUT_UP_TO allows, shaped to weigh the most per character. */
function heaviestShortEvents(): OncallEvent[] {
  const base = event('command.started', '2026-03-12T02:10:00.000Z', {
    runId: 'r',
    argv: [],
    cwd: '/',
  });
  const room = (e: object) => NOTHING_TO_CUT_UP_TO - JSON.stringify(e).length;
  const fill = <T>(make: (n: number) => T, place: (value: T) => object): OncallEvent => {
    // The most items that still fit: the line at most NOTHING_TO_CUT_UP_TO characters.
    let n = 0;
    while (room(place(make(n + 1))) >= 0) n++;
    return place(make(n)) as OncallEvent;
  };
  return [
    // A text as long as the line allows.
    fill(
      (n) => 'x'.repeat(n),
      (text) => ({ ...base, type: 'note', kind: 'note', text }),
    ),
    // Numbers weigh 16 each in two characters (`1,`): the heaviest list there is.
    fill(
      (n) => Array.from({ length: n }, () => 1),
      (argv) => ({ ...base, argv }),
    ),
    // Empty lists and objects weigh 16 in three (`[],`).
    fill(
      (n) => Array.from({ length: n }, () => []),
      (argv) => ({ ...base, argv }),
    ),
    fill(
      (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), 0])),
      (labels) => ({ ...base, labels }),
    ),
    fill(
      (n) => Array.from({ length: n }, () => ''),
      (argv) => ({ ...base, argv }),
    ),
  ];
}

describe('cutEvents', () => {
  it('finds nothing to cut in an event whose line is at most NOTHING_TO_CUT_UP_TO characters, however it is shaped', () => {
    const events = heaviestShortEvents();
    for (const e of events) {
      expect(JSON.stringify(e).length).toBeLessThanOrEqual(NOTHING_TO_CUT_UP_TO);
      expect(cutEvent(e, 'events.jsonl')).toBe(e);
    }
    // The bound is close: twice the line, and numbers alone are cut.
    const numbers = events[1] as OncallEvent & { argv: number[] };
    const doubled = {
      ...numbers,
      argv: [...numbers.argv, ...numbers.argv],
    } as unknown as OncallEvent;
    expect(cutEvent(doubled, 'events.jsonl')).not.toBe(doubled);
  });

  it('weighs only the events at the positions given, and keeps the others as they are', () => {
    const small = event('note', '2026-03-12T02:10:00.000Z', { kind: 'note', text: 'fine' });
    const huge = event('note', '2026-03-12T02:11:00.000Z', {
      kind: 'note',
      text: 'y'.repeat(9_000),
    });
    const events = [small, huge, small];
    const cut = cutEvents(events, 'events.jsonl', [1]);
    expect(cut).not.toBe(events);
    expect(cut[0]).toBe(small);
    expect(cut[2]).toBe(small);
    expect((cut[1] as OncallEvent & { text: string }).text).toMatch(/whole in events\.jsonl\]$/);
    // Without positions every event is weighed: the same result.
    expect(cutEvents(events, 'events.jsonl')).toEqual(cut);
    expect(events[1]).toBe(huge);
  });
});
