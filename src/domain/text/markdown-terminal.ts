// Our texts are Markdown (templates/*.md.hbs): pasted into Slack or a ticket
// it reads well, but on a terminal `**Tried:**` is noise and a long line broken
// by the terminal in the middle of a word costs a second reading. So a
// terminal is shown the text rendered: headings and `**bold**` in bold, code
// without its backticks, bullets as `•`, checkboxes as `☐`, quotes with a bar,
// a link as its words and its address, every line wrapped between words to
// the width, continuation lines under the text of their item. `--out`, `--md`
// and what is sent keep the Markdown. Pure: the styles (chalk, or none) and
// the width are given. The text must be safe already (templates make it so).
import { pieces, proseUnescaped } from './markdown.js';
import { wrapLine } from './wrap.js';

export interface TerminalStyles {
  bold(text: string): string;
  code(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
}

export const PLAIN_STYLES: TerminalStyles = {
  bold: (t) => t,
  code: (t) => t,
  dim: (t) => t,
  italic: (t) => t,
};

const LINK = /\\?\[([^\]\n]+)\]\(([^\s)]+)\)/g;
const BOLD = /\*\*([^*\n]+)\*\*/g;
const ITALIC = /(^|[\s(])_([^_\n]+)_(?=$|[\s.,;:)!?])/g;
/** Bold, italic and links in text that is not code; what was escaped (`\\<`, `\\#`) as typed. */
function prose(text: string, s: TerminalStyles): string {
  return proseUnescaped(
    text
      .replace(LINK, (_, words: string, url: string) => (words === url ? url : `${words} (${url})`))
      .replace(BOLD, (_, t: string) => s.bold(t))
      .replace(ITALIC, (_, before: string, t: string) => `${before}${s.italic(t)}`),
  );
}

/** One line's inline Markdown: code spans (as CommonMark finds them) shown as they are, styled; the rest as prose. */
export function inlineMarkdown(line: string, s: TerminalStyles): string {
  let out = '';
  for (const part of pieces(line)) {
    if (!part.code) {
      out += prose(part.text, s);
      continue;
    }
    const fence = /^`+/.exec(part.text)?.[0].length ?? 1;
    const inner = part.text.slice(fence, -fence);
    out += s.code(/^ .*[^ ].* $/.test(inner) ? inner.slice(1, -1) : inner);
  }
  return out;
}

/** A block-level line: its mark replaced by how a terminal shows it, then its inline Markdown. */
function blockLine(line: string, s: TerminalStyles): string {
  const heading = /^#{1,6}\s+(.*)$/.exec(line);
  if (heading) return s.bold(inlineMarkdown(heading[1] as string, s));
  const item = /^(\s*)[-*+] (\[[ xX]\] )?(.*)$/.exec(line);
  if (item) {
    const [, indent = '', box, rest = ''] = item;
    const mark = box ? (box.trim() === '[ ]' ? '☐' : '☑') : '•';
    return `${indent}${mark} ${inlineMarkdown(rest, s)}`;
  }
  const quote = /^>\s?(.*)$/.exec(line);
  if (quote) return `│ ${inlineMarkdown(quote[1] as string, s)}`;
  return inlineMarkdown(line, s);
}

/**
 * Markdown as terminal lines no wider than `width` (a word longer than the
 * width alone is cut). Fenced blocks are shown as they are, dimmed; blank
 * lines kept.
 */
export function markdownForTerminal(
  markdown: string,
  width: number,
  s: TerminalStyles = PLAIN_STYLES,
): string[] {
  const rows: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.replace(/\n$/, '').split('\n')) {
    const opens = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opens && opens[0] === fence[0] && opens.length >= fence.length) fence = undefined;
      else rows.push(...wrapLine(s.dim(line), width));
      continue;
    }
    if (opens) {
      fence = opens;
      continue;
    }
    rows.push(...wrapLine(blockLine(line, s), width));
  }
  return rows;
}
