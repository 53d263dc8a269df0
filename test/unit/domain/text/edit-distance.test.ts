// The one edit distance behind every "did you mean …?" hint (runbooks,
// contacts, commands): the textbook cases and the edges a hint meets.
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../../src/domain/text/edit-distance.js';

describe('editDistance', () => {
  it('counts the fewest insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('disk-full', 'disk-ful')).toBe(1);
    expect(editDistance('alice', 'alcie')).toBe(2);
  });

  it('is zero for the same name and the length of the other for an empty one', () => {
    expect(editDistance('web-down', 'web-down')).toBe(0);
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'bob')).toBe(3);
    expect(editDistance('bob', '')).toBe(3);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['escalate', 'esclate'],
      ['handoff', 'hand-off'],
      ['x', 'yz'],
    ] as const) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
    }
  });

  it('counts case: callers lower-case when it should not matter', () => {
    expect(editDistance('Bob', 'bob')).toBe(1);
  });
});
