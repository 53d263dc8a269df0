// The product's delivery limits, which the context may shorten for a test: a
// command waits at most a few seconds for what it just queued.
import { describe, expect, it } from 'vitest';
import { budgetEnd, deliveryLimits, pause } from '../../../../src/use-cases/delivery/limits.js';

describe('delivery limits', () => {
  it('are 4.5 s for a command and 4 s for one attempt unless the context says otherwise', () => {
    expect(deliveryLimits({})).toEqual({ budgetMs: 4_500, attemptMs: 4_000 });
    const short = { budgetMs: 600, attemptMs: 500 };
    expect(deliveryLimits({ delivery: short })).toBe(short);
  });

  it("the budget ends that long after the context's now", () => {
    const now = () => new Date('2026-03-12T02:10:00.000Z');
    expect(budgetEnd({ now })).toBe('2026-03-12T02:10:04.500Z');
    expect(budgetEnd({ now, delivery: { budgetMs: 600, attemptMs: 500 } })).toBe(
      '2026-03-12T02:10:00.600Z',
    );
  });

  it("pauses through the context's sleep when it has one", async () => {
    const slept: number[] = [];
    await pause({ sleep: async (ms) => void slept.push(ms) }, 1_000);
    expect(slept).toEqual([1_000]);
  });
});
