// Lines fitted to a narrow terminal: no row wider than the screen, words broken
// only when a word alone is wider, continuation rows under the text they continue.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import {
  firstRow,
  fitWidth,
  joinFitting,
  textWidth,
  truncate,
  unwrapParagraphs,
  wrapLine,
  wrapLines,
} from '../../../../src/domain/text/wrap.js';

const c = new Chalk({ level: 1 });
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping our own colours
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const PROSE =
  'Open the dashboard and compare the error rate with the last deploy; if it rose within five minutes of the rollout, roll back first and investigate afterwards.';

/** Every word of `text` appears whole in one of the rows (none was cut). */
function wordsKept(text: string, rows: string[]): void {
  const cells = rows.flatMap((r) => plain(r).trim().split(/\s+/));
  for (const word of text.split(/\s+/)) expect(cells).toContain(word);
}

describe('fitWidth', () => {
  it('is the terminal width, 80 when unknown, never under 20', () => {
    expect(fitWidth(40)).toBe(40);
    expect(fitWidth(132)).toBe(132);
    expect(fitWidth(undefined)).toBe(80);
    expect(fitWidth(0)).toBe(80);
    expect(fitWidth(8)).toBe(20);
  });
});

describe.each([40, 80])('wrapLine at %i columns', (width) => {
  it('breaks prose between words, every row within the width', () => {
    const rows = wrapLine(PROSE, width);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(textWidth(row)).toBeLessThanOrEqual(width);
    wordsKept(PROSE, rows);
    expect(rows.join(' ')).toBe(PROSE);
  });

  it('keeps an indented line indented, continuation rows under its text', () => {
    const rows = wrapLine(`  - ${PROSE}`, width);
    expect(rows[0]?.startsWith('  - Open')).toBe(true);
    for (const row of rows.slice(1)) expect(row).toMatch(/^ {4}\S/);
    for (const row of rows) expect(textWidth(row)).toBeLessThanOrEqual(width);
  });

  it('repeats an output gutter on every row', () => {
    const rows = wrapLine(`  │ ${PROSE}`, width);
    for (const row of rows) {
      expect(row.startsWith('  │ ')).toBe(true);
      expect(textWidth(row)).toBeLessThanOrEqual(width);
    }
  });

  it('cuts only a word longer than a row', () => {
    const long = `token ${'x'.repeat(width + 10)} end`;
    const rows = wrapLine(long, width);
    for (const row of rows) expect(textWidth(row)).toBeLessThanOrEqual(width);
    // The long word fills rows as it comes; the short words around it stay whole.
    expect(rows[0]?.startsWith('token ')).toBe(true);
    expect(rows.join('').replace(/^token |\s*end$/g, '')).toBe('x'.repeat(width + 10));
    expect(rows.at(-1)).toMatch(/(^| )end$/);
  });

  it('measures wide characters and emoji as the terminal draws them', () => {
    const text = `${'日本語のテキスト '.repeat(8)}🚀🚀🚀`;
    for (const row of wrapLine(text, width)) expect(textWidth(row)).toBeLessThanOrEqual(width);
  });

  it('counts our colours as taking no room, and keeps them on every row', () => {
    const rows = wrapLine(c.dim(PROSE), width);
    expect(rows.length).toBe(wrapLine(PROSE, width).length);
    for (const row of rows) {
      expect(textWidth(row)).toBeLessThanOrEqual(width);
      expect(row).toContain('\x1b[2m');
    }
  });

  it('returns a line that fits as it is', () => {
    expect(wrapLine('  short line', width)).toEqual(['  short line']);
    expect(wrapLines(['a', '', 'b'], width)).toEqual(['a', '', 'b']);
  });
});

describe('truncate', () => {
  it('cuts to the width with an ellipsis, and leaves what fits', () => {
    expect(truncate('Roll back the deploy of the web tier', 20)).toBe('Roll back the…');
    expect(truncate('Rollback-of-the-web-tier-deploy', 20)).toBe('Rollback-of-the-web…');
    expect(textWidth(truncate('Rollback-of-the-web-tier-deploy', 20))).toBe(20);
    expect(truncate('Roll back', 20)).toBe('Roll back');
    expect(textWidth(truncate('再起動する再起動する再起動する', 11))).toBeLessThanOrEqual(11);
  });

  it('cuts printable ASCII as wrap-ansi does, without starting it (a seeded sweep)', () => {
    const chars = 'ab cd  efghij-/.,:;!?()[]{}0123456789~ ';
    let seed = 17;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let i = next(90); i > 0; i--) text += chars[next(chars.length)];
      const width = 2 + next(50);
      const head = firstRow(text, width - 1);
      const lastBlank = head.lastIndexOf(' ');
      const words = lastBlank >= head.length * 0.6 ? head.slice(0, lastBlank).trimEnd() : head;
      const expected = textWidth(text) <= width ? text : `${words}…`;
      expect(truncate(text, width), JSON.stringify([text, width])).toBe(expected);
    }
  });
});

describe('joinFitting', () => {
  const parts = ['DRILL', 'Step 12 of 30', 'SEV2', '1h 05m since start', 'next update due 02:30'];

  it('breaks only between parts', () => {
    const rows = joinFitting(parts, ' · ', 40);
    expect(rows).toEqual([
      'DRILL · Step 12 of 30 · SEV2',
      '1h 05m since start',
      'next update due 02:30',
    ]);
    for (const row of rows) expect(textWidth(row)).toBeLessThanOrEqual(40);
  });

  it('is one row when the width allows', () => {
    expect(joinFitting(parts, ' · ', 80)).toEqual([parts.join(' · ')]);
  });
});

describe('unwrapParagraphs', () => {
  it("joins a paragraph's lines: a single break is only the author's editor wrapping", () => {
    expect(
      unwrapParagraphs('Compare the rollout times\nwith the errors.\n\nThen roll back.'),
    ).toEqual(['Compare the rollout times with the errors.', '', 'Then roll back.']);
  });

  it('keeps list items, quotes, headings, tables and hard breaks on lines of their own', () => {
    const text = [
      'Check:',
      '- the error rate',
      '  on the dashboard',
      '- the deploy log',
      '> I am on it,',
      '| a | b |',
      '| 1 | 2 |',
      'Line with a hard break  ',
      'next line',
    ].join('\n');
    expect(unwrapParagraphs(text)).toEqual([
      'Check:',
      '- the error rate on the dashboard',
      '- the deploy log',
      '> I am on it,',
      '| a | b |',
      '| 1 | 2 |',
      'Line with a hard break  ',
      'next line',
    ]);
  });

  it('leaves fenced and indented code as it is', () => {
    const text = [
      'Expect:',
      '```',
      'NAME   READY',
      'web-1  1/1',
      '```',
      '    indented',
      '    code',
    ].join('\n');
    expect(unwrapParagraphs(text)).toEqual(text.split('\n'));
  });
});
