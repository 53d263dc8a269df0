// The walk's clock line: elapsed time as the responder reads it.
import { describe, expect, it } from 'vitest';
import { elapsedClock } from '../../../src/walk/loop.js';

describe('elapsedClock', () => {
  it('is HH:MM', () => {
    expect(elapsedClock(42 * 60_000)).toBe('00:42');
    expect(elapsedClock(125 * 60_000 + 59_000)).toBe('02:05');
    expect(elapsedClock(-5)).toBe('00:00');
  });
});
