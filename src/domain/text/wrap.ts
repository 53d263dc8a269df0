// Lines fitted to the terminal's width: at 2am the responder may be on a phone
// over SSH, 40 columns wide, and a word broken in the middle by the terminal
// costs a second reading. One helper, so the walk and status wrap alike.
// Widths are measured as the terminal draws them (wide CJK, emoji, our own
// colour codes taking no room), by string-width; lines are broken by wrap-ansi.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { plainWidth } from './plain-width.js';

/** When the width is unknown (a pipe, a file, a test): a classic terminal. */
const FALLBACK_COLUMNS = 80;
/** Below this, wrapping helps nobody: a line may run past a very narrow screen. */
const MIN_COLUMNS = 20;

/** The width to fit lines to, from the terminal's column count (undefined when unknown). */
export function fitWidth(columns: number | undefined): number {
  return columns !== undefined && columns > 0 ? Math.max(MIN_COLUMNS, columns) : FALLBACK_COLUMNS;
}

/** How many columns `text` takes on a terminal. */
export function textWidth(text: string): number {
  return plainWidth(text) ?? stringWidth(text);
}

// Our own colour codes (SGR): at the start of a line; after the blanks a row
// ends with; before the blanks a row starts with.
// biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour codes start with ESC
const LEADING_COLOURS = /^(?:\x1b\[[0-9;]*m)*/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour codes start with ESC
const TRAILING_BLANKS = /[ \t]+((?:\x1b\[[0-9;]*m)*)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour codes start with ESC
const LEADING_BLANKS = /^((?:\x1b\[[0-9;]*m)*)[ \t]+/;
/** The blanks and list mark a line starts with: continuation lines align after them. */
const PREFIX = /^[ \t]*(?:[\u2502$\u2022*>+\u2610\u2611-] |\d+[.)] |\u2713 |\u2717 |! )?/;

/**
 * Where continuation lines of `line` start: under its text, after its
 * indentation and list mark (`  - `, `  $ `, `3. `); an output gutter (`  │ `)
 * is repeated. None when that would leave less than half the width.
 */
function continuation(prefix: string, width: number): string {
  if (textWidth(prefix) * 2 > width) return '';
  return prefix.includes('│')
    ? prefix.replace(/\u2502.*/, '\u2502 ')
    : ' '.repeat(textWidth(prefix.replace(/\t/g, ' ')));
}

/**
 * One line as rows of at most `width` columns, broken between words; a word is
 * cut only when it is longer than a row. Continuation rows are indented under
 * the line's text (see `continuation`). A line that fits is returned as it is.
 */
export function wrapLine(line: string, width: number): string[] {
  // Unlimited (not a terminal): nothing to measure, and measuring a long line costs.
  if (width === Number.POSITIVE_INFINITY || textWidth(line) <= width) return [line];
  const colours = LEADING_COLOURS.exec(line)?.[0] ?? '';
  const prefix = PREFIX.exec(line.slice(colours.length))?.[0] ?? '';
  const indent = continuation(prefix, width);
  const firstPrefix = indent ? prefix : '';
  const body = colours + line.slice(colours.length + firstPrefix.length);
  const room = Math.max(1, width - Math.max(textWidth(firstPrefix), textWidth(indent)));
  return wrapAnsi(body, room, { hard: true, trim: false })
    .split('\n')
    .map((row, i) => {
      // The blank where a row was broken stays behind: neither row needs it.
      const trimmed = row.replace(TRAILING_BLANKS, '$1');
      return i === 0 ? firstPrefix + trimmed : indent + trimmed.replace(LEADING_BLANKS, '$1');
    });
}

/** Lines wrapped to `width` (each may contain colours; none a line break). */
export function wrapLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => wrapLine(line, width));
}

/**
 * `text` followed by the spaces that make it `width` columns as a terminal
 * draws it: a column of names (`田中@laptop`, an emoji) lines up where
 * `padEnd` counts UTF-16 units and leaves the next column out of line.
 */
export function padColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Printable ASCII: a column a character, nothing to segment. */
const PRINTABLE_ASCII = /^[ -~]*$/;

/**
 * The first `width` columns of `text`, as wrap-ansi measures them. Exported for
 * the test that holds the ASCII shortcut in `truncate` to it: wrap-ansi starts
 * an Intl.Segmenter (~10 ms), which the phone form of every escalation paid.
 */
export function firstRow(text: string, width: number): string {
  const [head = ''] = wrapAnsi(text, width, { hard: true, trim: false, wordWrap: false }).split(
    '\n',
  );
  return head;
}

/**
 * Plain `text` on one row of at most `width` columns: when longer, cut with an
 * ellipsis, after the last whole word when that keeps most of the row.
 */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 1) return '…';
  const head = PRINTABLE_ASCII.test(text) ? text.slice(0, width - 1) : firstRow(text, width - 1);
  const lastBlank = head.lastIndexOf(' ');
  const words = lastBlank >= head.length * 0.6 ? head.slice(0, lastBlank).trimEnd() : head;
  return `${words}…`;
}

/**
 * Parts joined by `separator` on as few rows of `width` as fit them whole: a
 * row is broken only between parts ("Step 2 of 9" never becomes "Step 2 of" / "9").
 */
export function joinFitting(parts: readonly string[], separator: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const part of parts) {
    const joined = row ? `${row}${separator}${part}` : part;
    if (row && textWidth(joined) > width) {
      rows.push(row);
      row = part;
    } else {
      row = joined;
    }
  }
  if (row) rows.push(row);
  return rows;
}

/** A Markdown line that starts a block of its own: never joined to the line above. */
const BLOCK_START = /^(?:[-*+>|#]|\d+[.)]\s|```|~~~)/;

/**
 * Markdown as a reader sees it: the lines of one paragraph (or list item) joined,
 * since a single line break inside a paragraph is only the author's editor
 * wrapping it. Blank lines, list items, quotes, headings, tables, indented code,
 * hard breaks (two trailing blanks or a backslash) and fenced blocks are kept.
 */
export function unwrapParagraphs(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  let joinable = false;
  for (const line of markdown.split('\n')) {
    const trimmed = line.trim();
    if (/^(?:```|~~~)/.test(trimmed)) fenced = !fenced;
    const starts = fenced || !trimmed || BLOCK_START.test(trimmed) || /^(?: {4}|\t)/.test(line);
    const last = out.length - 1;
    if (joinable && !starts && last >= 0) out[last] = `${out[last]} ${trimmed}`;
    else out.push(line);
    const hardBreak = / {2}$|\\$/.test(line);
    joinable = !fenced && Boolean(trimmed) && !hardBreak && !/^(?:[|#]|```|~~~)/.test(trimmed);
  }
  return out;
}
