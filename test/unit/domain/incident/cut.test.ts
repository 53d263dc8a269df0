// What is shown is cut per event; the log keeps it all.
import { describe, expect, it } from 'vitest';
import { CUT_AT, cutEvent } from '../../../../src/domain/incident/cut.js';
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
