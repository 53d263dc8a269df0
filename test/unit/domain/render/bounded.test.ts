// A long list in the postmortem draft: whole up to its bounds and one more,
// else its first and last items with one item between them saying how many
// are left out; only the kept items are made.
import { describe, expect, it } from 'vitest';
import {
  bounded,
  boundedMap,
  isCut,
  leftOutLine,
  leftOutText,
} from '../../../../src/domain/render/bounded.js';
import { markdownStrings } from '../../../../src/domain/text/markdown.js';
import { safeStrings } from '../../../../src/domain/text/terminal-safe.js';

const bounds = { head: 3, tail: 2 };
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('boundedMap', () => {
  it.each([0, 1, 5, 6])('maps a list of %i items whole (up to head + tail + 1)', (n) => {
    const made = boundedMap(
      numbers(n),
      (i) => `#${i}`,
      () => 'between',
      bounds,
    );
    expect(made).toEqual(numbers(n).map((i) => `#${i}`));
    expect(isCut(n, bounds)).toBe(false);
  });

  it.each([7, 8, 50, 10_000])(
    'keeps the ends of %i items, and says how many lie between, which first and last',
    (n) => {
      const mapped: number[] = [];
      const made = boundedMap(
        numbers(n),
        (i, at) => {
          expect(at).toBe(i);
          mapped.push(i);
          return `#${i}`;
        },
        (count, first, last) => `${count} from #${first} to #${last}`,
        bounds,
      );
      expect(isCut(n, bounds)).toBe(true);
      expect(made).toEqual([
        '#0',
        '#1',
        '#2',
        `${n - 5} from #3 to #${n - 3}`,
        `#${n - 2}`,
        `#${n - 1}`,
      ]);
      // Only what is kept is made: a long night's items cost their making.
      expect(mapped).toEqual([0, 1, 2, n - 2, n - 1]);
    },
  );

  it('bounded keeps the items themselves', () => {
    expect(bounded(numbers(9), (count) => -count, bounds)).toEqual([0, 1, 2, -4, 7, 8]);
  });
});

describe('what the item between says', () => {
  it('how many, what, over which times, and where every one is', () => {
    expect(leftOutText(12_345, 'findings', { from: '02:41', to: '05:00' })).toBe(
      '12,345 more findings (02:41 to 05:00) left out of this draft: `oncall timeline` has every one',
    );
    expect(leftOutText(3, 'links', undefined, '`oncall export --json` has every one')).toBe(
      '3 more links left out of this draft: `oncall export --json` has every one',
    );
  });

  it('is Markdown already and one safe line: the model escapers leave its code span alone', () => {
    const between = leftOutLine<{ ts: string }>('findings', (ts) => ts.slice(11, 16));
    const line = between(7, { ts: '2026-11-22T02:41:00.000Z' }, { ts: '2026-11-22T05:00:00.000Z' });
    expect(line).toEqual({
      at: '…',
      text: '7 more findings (02:41 to 05:00) left out of this draft: `oncall timeline` has every one',
      leftOut:
        '… 7 more findings (02:41 to 05:00) left out of this draft: `oncall timeline` has every one',
    });
    const model = { findings: [{ at: '02:00', text: '<b>[x](y)</b>' }, line] };
    const made = safeStrings(markdownStrings(model));
    expect(made.findings[1]).toBe(line);
    // The rest of the list is still escaped as before.
    expect(made.findings[0]?.text).toBe('\\<b>\\[x](y)\\</b>');
  });
});
