// The one Markdown escaper for text placed in the texts we write (the
// postmortem draft, `timeline --md`, escalation, handoff, update): a note's
// pipes and line breaks stay inside its cell, and what it holds reads as its
// words, not as markup, checked on the structure markdown-it reads.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  markdownText,
  markdownUnescaped,
  tableCell,
} from '../../../../src/domain/text/markdown.js';
import { seeded } from '../../../helpers/seeded.js';

describe('tableCell', () => {
  it('escapes every pipe', () => {
    expect(tableCell('a | b || c')).toBe('a \\| b \\|\\| c');
  });

  it('puts the text on one line: a break and the blanks around it become one space', () => {
    expect(tableCell('first line\nsecond')).toBe('first line second');
    expect(tableCell('first  \n   second')).toBe('first second');
    expect(tableCell('windows\r\nline')).toBe('windows line');
    expect(tableCell('a\n\n\nb')).toBe('a b');
  });

  it('leaves other text, blanks inside a line and Markdown marks alone', () => {
    expect(tableCell('`kubectl get pods`  exit 1 _(backfilled)_')).toBe(
      '`kubectl get pods`  exit 1 _(backfilled)_',
    );
    expect(tableCell('')).toBe('');
  });
});

/** The structure markdown-it reads in `text` where the texts put a field: a list item's words, a table cell. */
function structure(text: string) {
  const field = markdownText(text);
  const tokens = md.parse(
    `- 02:14 ${field}\n- ${field}\n\n| a | b |\n|---|---|\n| ${tableCell(text)} | b |\n`,
    {},
  );
  const inline = tokens.flatMap((t) => t.children ?? []);
  const skipped = ['text', 'text_special', 'code_inline', 'softbreak'];
  return {
    blocks: tokens
      .map((t) => t.type)
      .filter((t) => !/^(?:paragraph|inline|t[hdr]|thead|tbody)_?/.test(t)),
    marks: inline
      .map((t) => t.type)
      .filter((t) => !skipped.includes(t) && !/^(?:em|strong|s)_/.test(t)),
    cells: tokens.filter((t) => t.type === 'td_open').length,
    text: inline
      .filter((t) => t.type === 'text')
      .map((t) => t.content)
      .join(''),
  };
}

const md = new MarkdownIt({ html: true, linkify: false });

/** What a night's notes, titles and outputs hold that Markdown would read as markup. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<!-- the rest is hidden',
  '<https://evil.example/x|y>',
  '<a href="https://evil.example">dashboard</a>',
  '[dashboard](https://evil.example/login)',
  '![x](https://evil.example/pixel.png)',
  '[ok](javascript:alert(1))',
  '&amp; &lt;b&gt; &#60; &#x3C;',
  '# not a heading',
  '> not a quote',
  '- not an item',
  '+ not an item',
  '* not an item',
  '1. not a list',
  '2) not a list',
  '---',
  '***',
  '===',
  '~~~ not a fence',
  '`odd count',
  '```',
  'C:\\.\\d+ \\<x> \\`y\\` \\[a](b) trailing \\',
  'p99 < 200ms, a<b, <=5',
];

describe('markdownText', () => {
  it.each(HOSTILE)(
    '%s reads as its words: no tag, link, entity, heading, quote or list',
    (text) => {
      const read = structure(text);
      expect(read.blocks).toEqual([
        'bullet_list_open',
        'list_item_open',
        'list_item_close',
        'list_item_open',
        'list_item_close',
        'bullet_list_close',
        'table_open',
        'table_close',
      ]);
      expect(read.marks).toEqual([]);
      expect(read.cells).toBe(2);
      // The words shown are the words typed: `02:14 …`, alone, then the header and the cell.
      expect(read.text).toBe(`02:14 ${text}${text}ab${text}b`);
    },
  );

  it('leaves code spans in the text as code, and plain words as they are', () => {
    expect(markdownText('ran `kubectl get pods` → exit 0')).toBe('ran `kubectl get pods` → exit 0');
    expect(markdownText('ran `` a`b `` then `<x>`')).toBe('ran `` a`b `` then `<x>`');
    expect(markdownText('restarted web-1 at 02:14 (p99 back to 180ms)')).toBe(
      'restarted web-1 at 02:14 (p99 back to 180ms)',
    );
    expect(markdownText('#1234 -1 ms 3.5 + 2 a_b_c **bold**')).toBe(
      '#1234 -1 ms 3.5 + 2 a_b_c **bold**',
    );
  });

  it('what reads the Markdown again gets the text as typed back (2,000 seeded texts)', () => {
    const { joined } = seeded(7);
    const pieces = [
      '<',
      '>',
      '[',
      ']',
      '(',
      ')',
      '`',
      '``',
      '\\',
      '&amp;',
      '&',
      ';',
      '#',
      '-',
      '1.',
      ' ',
      'a',
      '*',
      '_',
      '|',
      '!',
      '\n',
    ];
    for (let i = 0; i < 2_000; i++) {
      const text = joined(pieces, 1, 14).replace(/\n/g, ' ');
      expect(markdownUnescaped(markdownText(text)), JSON.stringify(text)).toBe(text);
    }
  });
});
