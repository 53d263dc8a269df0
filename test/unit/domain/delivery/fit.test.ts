// Sizes in bytes, and what is cut first when a body is too large: the oldest
// items of the longest list, then the longest texts, never what the channel
// did not mark cuttable; multi-byte text (Japanese, emoji) counted as the
// bytes it is.
import { describe, expect, it } from 'vitest';
import { cutText, jsonSize } from '../../../../src/domain/delivery/bytes.js';
import { fitJson, fitText, type Path } from '../../../../src/domain/delivery/fit.js';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('cutText', () => {
  it('keeps what fits, and says how many characters were cut', () => {
    expect(cutText('short', 100)).toBe('short');
    const cut = cutText('a'.repeat(500), 100);
    expect(bytes(cut) - 2).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^a+… \(cut: \d+ more characters\)$/);
    const kept = cut.indexOf('…');
    expect(cut).toContain(`(cut: ${500 - kept} more characters)`);
  });

  it.each([
    ['Japanese', '障害対応中です。'.repeat(200)],
    ['emoji with joiners', '👩‍👩‍👧‍👦🇯🇵👍🏽'.repeat(200)],
    ['accents', 'e\u0301'.repeat(500)],
    ['quotes and line breaks', '"\\\n'.repeat(500)],
  ])('counts %s in bytes and never splits a character', (_, text) => {
    for (const max of [60, 101, 257, 1000]) {
      const cut = cutText(text, max);
      expect(bytes(cut) - 2).toBeLessThanOrEqual(max);
      const kept = cut.slice(0, cut.indexOf('…'));
      expect(text.startsWith(kept)).toBe(true);
      expect(kept).not.toMatch(/[\ud800-\udbff]$/);
      expect(kept).not.toMatch(/\u200d$/);
    }
  });

  it('does not end inside a Slack link or entity', () => {
    const text = `see ${'x'.repeat(40)} &amp; <https://example.com/${'y'.repeat(200)}>`;
    for (const max of [70, 80, 90, 120]) {
      const kept = cutText(text, max).split('…')[0] as string;
      expect(kept).not.toMatch(/<[^>]*$/);
      expect(kept).not.toMatch(/&[a-z]*$/);
    }
  });
});

describe('fitJson', () => {
  const all = () => true;

  it('returns what fits as it is', () => {
    const body = { a: 'b' };
    expect(fitJson(body, 100, all)).toBe(body);
  });

  it('drops the oldest items of the longest list first, keeping the newest and a marker', () => {
    const body = {
      title: 'Checkout returns 500',
      tried: Array.from({ length: 200 }, (_, i) => `02:${String(i).padStart(3, '0')} step ${i}`),
      open: ['a', 'b'],
    };
    const fitted = fitJson(body, 1000, all);
    expect(bytes(fitted)).toBeLessThanOrEqual(1000);
    expect(fitted.title).toBe(body.title);
    expect(fitted.open).toEqual(['a', 'b']);
    expect(fitted.tried[0]).toMatch(/^\(cut: \d+ more earlier items\)$/);
    expect(fitted.tried.at(-1)).toBe('02:199 step 199');
    const cutCount = Number(/\d+/.exec(fitted.tried[0] as string)?.[0]);
    expect(cutCount + fitted.tried.length - 1).toBe(200);
    expect(body.tried).toHaveLength(200); // the original is left as it was
  });

  it('cuts the bullet lines of a text oldest first, its other lines kept', () => {
    const items = Array.from({ length: 100 }, (_, i) => `- 02:${i} tried thing ${i}`);
    const text = ['**Tried:**', ...items, '**Look:** https://g.example.com'].join('\n');
    const fitted = fitText(text, 600);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(602);
    const lines = fitted.split('\n');
    expect(lines[0]).toBe('**Tried:**');
    expect(lines[1]).toMatch(/^- \(cut: \d+ more earlier items\)$/);
    expect(lines.at(-2)).toBe('- 02:99 tried thing 99');
    expect(lines.at(-1)).toBe('**Look:** https://g.example.com');
  });

  it('fits a text of more lines than a call takes arguments (about 125,000)', () => {
    const plain = Array.from({ length: 130_000 }, () => 'x');
    const items = Array.from({ length: 10 }, (_, i) => `- 02:${i} tried thing ${i}`);
    const fitted = fitText([...plain, ...items].join('\n'), 600);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(602);
    expect(fitted).toMatch(/… \(cut: \d+ more characters\)$/);
  });

  it('then cuts the longest texts to one common length, the short ones left whole', () => {
    const body = {
      ask: 'Is the primary healthy?',
      impact: '影響'.repeat(5000),
      note: 'n'.repeat(9000),
    };
    const fitted = fitJson(body, 4000, all);
    expect(bytes(fitted)).toBeLessThanOrEqual(4000);
    expect(fitted.ask).toBe(body.ask);
    expect(fitted.impact).toMatch(/… \(cut: \d+ more characters\)$/);
    expect(fitted.note).toMatch(/… \(cut: \d+ more characters\)$/);
    expect(Math.abs(bytes(fitted.impact) - bytes(fitted.note))).toBeLessThan(60);
  });

  it('never touches what is not cuttable', () => {
    const body = { type: 'section', id: 'x'.repeat(300), text: 't'.repeat(5000) };
    const fitted = fitJson(body, 1000, (path: Path) => path[0] === 'text');
    expect(fitted.type).toBe('section');
    expect(fitted.id).toBe(body.id);
    expect(bytes(fitted)).toBeLessThanOrEqual(1000);
  });

  it.each([200, 1_000, 20_000, 500_000])('any size asked for is met (%i bytes)', (max) => {
    const body = {
      summary: '🚨 障害 '.repeat(300),
      details: {
        tried: Array.from({ length: 3000 }, (_, i) => `${i} ${'長い夜 '.repeat(i % 40)}`),
        message: 'x'.repeat(300_000),
      },
    };
    const fitted = fitJson(body, max, (path) => path[0] !== 'id');
    expect(jsonSize(fitted)).toBe(bytes(fitted));
    expect(bytes(fitted)).toBeLessThanOrEqual(max);
  });
});
