// What responders type (a title, the impact, notes, the ask, a contact's
// name) reads as its words in every Markdown text oncall writes: escalate,
// handoff, update, timeline --md, the postmortem. Checked on the structure
// markdown-it reads: the same incident told with hostile words has exactly
// the headings, quotes, lists and table cells it has with plain ones, and no
// HTML, link, image or entity of its own; and on a terminal the texts show the
// words as typed, without the escapes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { markdownForTerminal } from '../../../../src/domain/text/markdown-terminal.js';
import { type Box, oncall, startWords, wordsSandbox } from '../../../helpers/in-process.js';

const md = new MarkdownIt({ html: true });

const HOSTILE = [
  '<script>alert(1)</script> <!-- hidden',
  '[dashboard](https://evil.example/login) ![x](https://evil.example/p.png)',
  '<https://evil.example/x> &amp; &#60; `odd',
];
const ADDRESSES = 'https://evil.example/login https://evil.example/p.png https://evil.example/x';
/** Said at the start of a field, where a list item's words begin. */
const LEADING = ['# heading', '> quote', '1. item', '---'];

/**
 * The blocks and marks markdown-it reads, counted: how many list items and
 * paragraphs a list has depends on what fits a phone screen, so they are left
 * out; a list, quote, heading, rule, cell, code block, tag, link or image made
 * of typed words is not.
 */
function shape(markdown: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of md.parse(markdown, {})) {
    for (const child of [t, ...(t.children ?? [])]) {
      if (
        !/^(?:heading|blockquote|bullet_list|ordered_list|hr|t[dh]|fence|code_block|html|link|image)/.test(
          child.type,
        )
      )
        continue;
      counts[child.type] = (counts[child.type] ?? 0) + 1;
    }
  }
  return counts;
}

/** The incident told with `words` in every field a responder types; its texts. */
async function texts(words: (i: number) => string): Promise<Record<string, string>> {
  const box: Box = wordsSandbox();
  const run = async (args: string[]) => {
    const r = await oncall(box, args);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  await run([...startWords(`Checkout ${words(0)}`), `--impact=${words(1)}`]);
  for (const [i, kind] of ['--action', '--finding', '--hypothesis', '--ruled-out'].entries())
    await run(['note', kind, '--', words(i + 2)]);
  await run(['note', '--', words(6)]);
  const out = join(box.cwd, 'pm.md');
  return {
    escalate: await run(['escalate', '--to', 'bob', `--ask=${words(7)}`, '--long', '--no-send']),
    short: await run(['escalate', '--to', 'bob', `--ask=${words(8)}`, '--no-send']),
    handoff: await run(['handoff', '--to', 'carol', `--note=${words(9)}`, '--no-send']),
    update: await run(['update', '--', words(10)]),
    timeline: await run(['timeline', '--md']),
    postmortem: (await run(['postmortem', '--out', out])) && readFileSync(out, 'utf8'),
  };
}

describe('typed words in Markdown texts', () => {
  it('add no heading, quote, list, HTML, link or cell: the same shape as plain words', async () => {
    // The same addresses, so the links noted from the notes are the same list.
    const plain = await texts((i) => `plain words ${i} ${ADDRESSES}`);
    const hostile = await texts((i) =>
      i % 2
        ? `${LEADING[i % LEADING.length]} ${HOSTILE[i % HOSTILE.length]}`
        : `w ${HOSTILE.join(' ')}`,
    );
    for (const name of Object.keys(plain)) {
      const got = shape(hostile[name] as string);
      expect(got, `${name}:\n${hostile[name]}`).toEqual(shape(plain[name] as string));
      expect(got.html_inline ?? got.html_block ?? got.link_open ?? got.image, name).toBeUndefined();
    }
    // A stray backtick stays one (escaped), not closed into code by the phone's cut.
    expect(hostile.short).not.toContain('`odd`');
  });

  it('on a terminal, the words read as typed', async () => {
    const said = texts((i) => `${LEADING[i % LEADING.length]} ${HOSTILE[i % HOSTILE.length]}`);
    const shown = markdownForTerminal((await said).escalate as string, 200).join('\n');
    expect(shown).toContain('<script>alert(1)</script> <!-- hidden');
    expect(shown).toContain('<https://evil.example/x> &amp; &#60; `odd');
    expect(shown).toContain('1. item <https://evil.example/x>');
    expect(shown).not.toMatch(/\\[<[&`#>]/);
  });
});
