// Thousands as en-US writes them, without ICU: held to toLocaleString itself.
import { describe, expect, it } from 'vitest';
import { withThousands } from '../../../../src/domain/text/numbers.js';

describe('withThousands', () => {
  it('writes integers as en-US toLocaleString does', () => {
    const samples = [0, 7, 999, 1000, 12345, 999999, 1000000, 2 ** 31, -1, -1234, -999999];
    for (let i = 0; i < 200; i++) samples.push(Math.floor(Math.random() * 10 ** (i % 13)));
    for (const n of samples) expect(withThousands(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
});
