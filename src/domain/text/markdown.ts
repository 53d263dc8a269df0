// Text placed inside Markdown we write (the postmortem draft, `timeline --md`,
// the escalation, handoff and update texts). One escaper, so a responder's note
// (or a command's output, an alert's title, a contact's name) reads as the
// words it is in every output: a pipe or a line break cannot break a table,
// a backtick cannot open code that swallows what follows, and `<script>`,
// `<!--`, `<https://…>`, `[words](target)`, `&amp;` or a leading `# `, `> `,
// `- `, `1. ` cannot become HTML, a link, an entity, a heading, a quote or a
// list. Code spans in the text (the commands we quote with codeSpan) stay code.
// What reads the Markdown again (a terminal, Slack, a plain-text channel)
// takes the escapes back out with `markdownUnescaped`.

/** A piece of one line of Markdown: a code span (as written, backticks and all) or the text around them. */
export interface Piece {
  code: boolean;
  text: string;
}

/**
 * `text` cut into code spans and the rest, as CommonMark reads them: a run of
 * backticks opens a span that the next run of exactly as many closes; a run
 * with no such closer, or escaped by a backslash, is literal text.
 */
export function pieces(text: string): Piece[] {
  if (!text.includes('`')) return [{ code: false, text }];
  const out: Piece[] = [];
  let prose = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      prose += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch !== '`') {
      prose += ch;
      i++;
      continue;
    }
    let end = i;
    while (text[end] === '`') end++;
    const run = end - i;
    const close = closingRun(text, end, run);
    if (close < 0) {
      prose += text.slice(i, end);
      i = end;
      continue;
    }
    if (prose) out.push({ code: false, text: prose });
    prose = '';
    out.push({ code: true, text: text.slice(i, close + run) });
    i = close + run;
  }
  if (prose) out.push({ code: false, text: prose });
  return out;
}

/** Where the next run of exactly `run` backticks at or after `from` starts; -1 when none. */
function closingRun(text: string, from: number, run: number): number {
  let at = text.indexOf('`', from);
  while (at >= 0) {
    let end = at;
    while (text[end] === '`') end++;
    if (end - at === run) return at;
    at = text.indexOf('`', end);
  }
  return -1;
}

/** A block a line can start with: heading, quote, fence, list item, thematic break or underline. */
const LEADING_BLOCK =
  /^([ \t]*)(?:(#{1,6}(?=[ \t]|$)|>|~{3,})|([-+*](?=[ \t]|$)|[-*_=][-*_= \t]*$)|(\d{1,9})([.)])(?=[ \t]|$))/;

/** An entity or a numeric character reference (`&amp;`, `&#60;`). */
const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/** ASCII punctuation: what a backslash escapes in CommonMark. */
const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Whether the character at `i` of prose would start markup (or is a backslash that would escape the next). */
function startsMarkup(text: string, i: number): boolean {
  switch (text[i]) {
    case '`':
      return true; // code spans were taken out: this one is stray
    case '\\':
      return PUNCTUATION.test(text[i + 1] ?? '');
    case '<':
      return !/^<(?:[\s=]|$)/.test(text.slice(i, i + 2));
    case '[':
      return text.includes('](', i);
    case '&':
      return ENTITY.test(text.slice(i, i + 40));
    default:
      return false;
  }
}

/** The characters startsMarkup looks at: a text without them is left as it is, but for its first mark. */
const MAY_START_MARKUP = /[`\\<[&]/;

/** Prose with each character that would start markup escaped by a backslash. */
function escapeProse(text: string): string {
  if (!MAY_START_MARKUP.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++)
    out += startsMarkup(text, i) ? `\\${text[i]}` : (text[i] as string);
  return out;
}

/** The first mark of a line that would start a block, escaped. */
function escapeLeading(text: string): string {
  const m = LEADING_BLOCK.exec(text);
  if (!m) return text;
  const [, indent = '', block, bullet, digits, dot] = m;
  if (block || bullet) return `${indent}\\${text.slice(indent.length)}`;
  return `${indent}${digits}\\${dot}${text.slice(indent.length + `${digits}${dot}`.length)}`;
}

/**
 * Text placed inside Markdown, reading as the words it is: outside its code
 * spans, a `<` that could open a tag or an autolink, a `[` that could open a
 * link (a `](` follows), a stray backtick, an entity (`&amp;`) and a backslash
 * that would escape what follows it are escaped, and a mark it starts with
 * that would make a block (`#`, `>`, `- `, `1. `, `---`). Apply it once, to
 * the text as typed.
 */
export function markdownText(text: string): string {
  // Most texts hold nothing that could start markup: no pieces to cut (a postmortem has a cell for every event).
  if (!MAY_START_MARKUP.test(text)) return escapeLeading(text);
  const parts = pieces(text);
  let out = '';
  for (const part of parts) out += part.code ? part.text : escapeProse(part.text);
  return escapeLeading(out);
}

/** A backslash before ASCII punctuation: CommonMark's escape. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Text that is not code with its escapes taken out (`\\<` -> `<`, `\\\\` -> `\\`). */
export const proseUnescaped = (prose: string): string =>
  prose.includes('\\') ? prose.replace(ESCAPE, '$1') : prose;

/**
 * Markdown's escapes taken out (`\<` -> `<`) outside its code spans, where a
 * backslash is a backslash: for what shows Markdown as it reads (a terminal,
 * Slack, plain text) after its own constructs were found.
 */
export function markdownUnescaped(markdown: string): string {
  if (!markdown.includes('\\')) return markdown;
  return markdown
    .split('\n')
    .map((line) =>
      pieces(line)
        .map((part) => (part.code ? part.text : proseUnescaped(part.text)))
        .join(''),
    )
    .join('\n');
}

/**
 * A table cell: on one line (a line break and the blanks around it become one
 * space), its text escaped (markdownText) and every `|` escaped, so the text
 * stays in its column.
 */
export function tableCell(text: string): string {
  // Most cells need neither: a postmortem has a cell for every event.
  const oneLine = text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text;
  const escaped = markdownText(oneLine);
  return escaped.includes('|') ? escaped.replace(/\|/g, '\\|') : escaped;
}

/** `text` as inline code that no backtick in it can end early. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  if (!longest) return `\`${text}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

/** Objects whose strings are Markdown already (code blocks' lines, a diagram): markdownStrings leaves them be. */
const markdownAlready = new WeakSet<object>();

/** Declares that `value`'s strings are Markdown as they are (fenced lines, table cells made here). */
export function markdownReady<T extends object>(value: T): T {
  markdownAlready.add(value);
  return value;
}

/**
 * Every string inside plain objects and arrays passed through markdownText,
 * but in objects declared markdownReady: for view models handed to templates,
 * so no field, in our templates or a team's own, is read as markup.
 */
export function markdownStrings<T>(value: T): T {
  if (typeof value === 'string') return markdownText(value) as T;
  if (typeof value !== 'object' || value === null || markdownAlready.has(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const made = markdownStrings(value[i]);
      if (made !== value[i]) {
        copy ??= value.slice();
        copy[i] = made;
      }
    }
    return (copy ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const made = markdownStrings(record[key]);
    if (made !== record[key]) {
      copy ??= { ...record };
      copy[key] = made;
    }
  }
  return (copy ?? value) as T;
}
