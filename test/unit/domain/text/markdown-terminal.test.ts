// On a terminal a text is shown rendered: no `**`, bullets and checkboxes,
// code without backticks, every line wrapped between words to the width
// (continuations under the item's text), fenced blocks as they are.
import { describe, expect, it } from 'vitest';
import {
  inlineMarkdown,
  markdownForTerminal,
  PLAIN_STYLES,
} from '../../../../src/domain/text/markdown-terminal.js';

const marked = {
  ...PLAIN_STYLES,
  bold: (t: string) => `<b>${t}</b>`,
  code: (t: string) => `<c>${t}</c>`,
};

describe('inline Markdown', () => {
  it('bold and code styled, their markers gone; a link as its words and its address', () => {
    expect(
      inlineMarkdown('**Tried:** `kubectl get pods` and [the graph](https://g.example/d)', marked),
    ).toBe('<b>Tried:</b> <c>kubectl get pods</c> and the graph (https://g.example/d)');
  });

  it('what is inside code stays as it is: no bold read into it', () => {
    expect(inlineMarkdown('`a **b** c` **d**', marked)).toBe('<c>a **b** c</c> <b>d</b>');
    expect(inlineMarkdown('`` a`b ``', marked)).toBe('<c>a`b</c>');
  });
});

describe('a text on a terminal', () => {
  const text = [
    '# Handoff: Checkout returns 500',
    '**The ask:** Is db-1 healthy? Can you raise max_connections before the morning peak?',
    '- 03:08 `kubectl set image … web:2024.06.11-3` → exit 0',
    '- [ ] Send the next status update by 03:30',
    '> Provider case 1234 is open; the replacement is pending their answer',
    '',
    '```text',
    '**not bold** in a fence',
    '```',
  ].join('\n');

  it('at 40 columns: rendered, wrapped between words, continuations under the text', () => {
    const rows = markdownForTerminal(text, 40);
    expect(rows).toEqual([
      'Handoff: Checkout returns 500',
      'The ask: Is db-1 healthy? Can you raise',
      'max_connections before the morning peak?',
      '• 03:08 kubectl set image …',
      '  web:2024.06.11-3 → exit 0',
      '☐ Send the next status update by 03:30',
      '│ Provider case 1234 is open; the',
      '│ replacement is pending their answer',
      '',
      '**not bold** in a fence',
    ]);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
  });

  it('at any width, every word whole', () => {
    const words = new Set(text.replace(/[`*#>]|\[ \]/g, ' ').split(/\s+/));
    for (const width of [24, 33, 57, 80, 131]) {
      const rows = markdownForTerminal(text, width);
      for (const row of rows) {
        expect(row.length).toBeLessThanOrEqual(width);
        // The fence keeps its `**`: compared without them, as the words are.
        const shown = row.replace(/^[•☐│]\s/, '').replace(/\*/g, ' ');
        for (const w of shown.split(/\s+/))
          if (w) expect(words.has(w), `${w} at ${width}`).toBe(true);
      }
    }
  });
});
