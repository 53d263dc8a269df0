// Config patterns run with a time limit: a catastrophic one costs a bounded
// wait and is named, never a hang; doctor's probe finds it before a rotation.
import { describe, expect, it } from 'vitest';
import {
  patternProblem,
  slowProbe,
  TimedPatterns,
} from '../../../../src/domain/redact/timed-patterns.js';

describe('patternProblem', () => {
  it('says why a pattern does not compile, and nothing for a good one', () => {
    expect(patternProblem('(x')).toBe('not a valid regular expression: /(x/: Unterminated group');
    expect(patternProblem('CUST-\\d{6}')).toBeUndefined();
    expect(patternProblem('(?i)abc')).toBeUndefined();
  });
});

describe('TimedPatterns', () => {
  it('finds matches, narrowed to a `secret` group when there is one', () => {
    const timed = new TimedPatterns(['CUST-\\d+', 'pin=(?<secret>\\d+)']);
    expect(timed.spans('CUST-12 pin=42')).toEqual([
      [0, 7],
      [12, 14],
    ]);
    expect(timed.slow).toBeUndefined();
  });

  it('stops a catastrophic pattern at the limit, names it, and withholds what follows', () => {
    const timed = new TimedPatterns(['fine', '(a+)+$'], 50);
    const started = Date.now();
    expect(timed.spans(`${'a'.repeat(5000)}!`)).toBeUndefined();
    // The pattern alone would run for ever (2^5000 ways to split the a's); a loaded machine adds seconds at most.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(timed.slow).toBe('(a+)+$');
    expect(timed.spans('fine')).toBeUndefined();
  });
});

describe('slowProbe (oncall doctor)', () => {
  it('catches nested repetition and passes an ordinary pattern', () => {
    expect(slowProbe('(a+)+$', 50)).toMatch(/^a run of 40 characters like "a+/);
    expect(slowProbe('(\\w+\\s?)+$', 50)).toBeDefined();
    expect(slowProbe('CUST-\\d{6}', 50)).toBeUndefined();
  });
});
