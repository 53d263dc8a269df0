// jsonPieces must write exactly what JSON.stringify(value, null, 2) writes,
// whatever the value and however deep it takes it apart.
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../../../src/domain/text/json.js';

const VALUES: unknown[] = [
  1,
  'text with "quotes" and\na newline',
  null,
  true,
  [],
  {},
  [1, [2, [3, [4, []]]], {}],
  {
    gone: undefined,
    fn: () => 1,
    list: [undefined, () => 1, Symbol('s'), null],
    deep: { a: { b: { c: [1, { d: 'e\nf' }] } } },
    date: new Date(0),
    empty: [],
    none: {},
  },
  [{ a: 1 }, { b: [] }, { c: { d: [] } }],
  { '"odd key"': 1, ключ: 'значение' },
  Object.assign(Object.create(null), { a: [1, 2] }),
  { withJson: { toJSON: () => ({ replaced: [1, 2] }) } },
  // biome-ignore lint/suspicious/noSparseArray: a hole is written as null
  [1, , 3],
];

describe('jsonPieces', () => {
  it('joins to JSON.stringify(value, null, 2)', () => {
    for (const value of VALUES) {
      expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
      // Nested as deep as an export nests the events, and deeper.
      const nested = { incident: { notes: [value, { value }] }, events: [[value], value] };
      expect([...jsonPieces(nested)].join('')).toBe(JSON.stringify(nested, null, 2));
    }
  });

  it('gives a long export in pieces of a few hundred events', () => {
    const events = Array.from({ length: 2000 }, (_, i) => ({ id: `e${i}`, text: 'x'.repeat(50) }));
    const pieces = [...jsonPieces({ incident: { id: 'i' }, events })];
    expect(pieces.length).toBeGreaterThan(2000 / 256);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(256 * 120);
    expect(pieces.join('')).toBe(JSON.stringify({ incident: { id: 'i' }, events }, null, 2));
  });
});
