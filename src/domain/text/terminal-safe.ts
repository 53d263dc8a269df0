// Text we did not write (titles, notes, reasons, contact names, runbook text,
// a command's captured output) must never drive the responder's terminal: an
// escape sequence in a note could write their clipboard (OSC 52), move the
// cursor, clear the screen or recolour what follows; a carriage return or a
// backspace could overwrite what was printed; a bidi override could reorder a
// line ("Trojan Source"). Each such character is shown instead, as its code
// (`\x1b`, `\x07`, `\x9b`, `\u202e`), so the responder sees that it was there.
//
// Two variants: `safeLine` for single-line fields (a line break becomes ` ⏎ `,
// a tab a space, so a note can never forge a timeline line or split a table
// row), `safeBlock` for bodies and output tails (line breaks and tabs kept).
// Everything else passes unchanged: letters of any script, accents, emoji
// (with their joiners), and backslashes (so `\x1b` typed literally reads the
// same as a neutralised ESC; that ambiguity only costs looks, never control).
// Apply these to the data before colouring it: our own chalk codes must survive.

/**
 * C0 controls (NUL…US) and DEL, C1 controls (U+0080–U+009F, e.g. U+009B, a CSI
 * on its own), the line and paragraph separators, and every bidi control (the
 * marks U+061C, U+200E, U+200F, the embeddings and overrides U+202A–U+202E, the
 * isolates U+2066–U+2069). Line breaks and tabs are matched too: each variant
 * decides about them first.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Whether a line needs anything done (UNSAFE includes line breaks and tabs); most do not. */
const UNSAFE_IN_LINE = new RegExp(UNSAFE.source);
/** Whether a body needs anything done: UNSAFE but its line breaks and tabs (a `\r` is in it). */
const UNSAFE_IN_BLOCK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A line break with the blanks around it, runs of them counting as one. A match
 * starts at the first blank of a run (the lookbehind): tried at every blank, a
 * long run of tabs with no line break after it cost its square.
 */
const LINE_BREAKS = /(?<![ \t])[ \t]*(?:\r?\n[ \t]*)+/g;

/** `\x1b` for a code up to U+00FF, `\u202e` above. */
function codeOf(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One line, safe to print: each line break (and the blanks around it) becomes
 * ` ⏎ `, a tab one space, and every other control or bidi character its code.
 */
export function safeLine(text: string): string {
  if (!UNSAFE_IN_LINE.test(text)) return text;
  return text.replace(LINE_BREAKS, ' ⏎ ').replace(/\t/g, ' ').replace(UNSAFE, codeOf);
}

/**
 * A body of lines, safe to print: line breaks (`\r\n` read as `\n`) and tabs
 * kept; a lone carriage return and every other control or bidi character shown
 * as its code.
 */
export function safeBlock(text: string): string {
  // A postmortem is megabytes: most of it needs nothing, and is not copied.
  if (!UNSAFE_IN_BLOCK.test(text)) return text;
  return text
    .replace(/\r\n/g, '\n')
    .replace(UNSAFE, (ch) => (ch === '\n' || ch === '\t' ? ch : codeOf(ch)));
}

/**
 * Every string inside plain objects and arrays passed through `safe` (one line
 * by default); other values as they are. For view models handed to templates,
 * so a team's own template cannot print a field raw by forgetting a helper.
 */
export function safeStrings<T>(value: T, safe: (text: string) => string = safeLine): T {
  if (typeof value === 'string') return safe(value) as T;
  if (typeof value === 'object' && value !== null && madeSafeAlready.has(value)) return value;
  // Copied only where something changed: a postmortem's model holds a night of rows.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const made = safeStrings(value[i], safe);
      if (made !== value[i]) {
        copy ??= value.slice();
        copy[i] = made;
      }
    }
    return (copy ?? value) as T;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const made = safeStrings(record[key], safe);
      if (made !== record[key]) {
        copy ??= { ...record };
        copy[key] = made;
      }
    }
    return (copy ?? value) as T;
  }
  return value;
}

/** Objects whose every string was made one safe line where it was made: safeStrings leaves them be. */
const madeSafeAlready = new WeakSet<object>();

/**
 * Declares that every string in `value` (deeply) already went through safeLine
 * where it was made, so safeStrings need not look at it again: a postmortem's
 * timeline is a night of rows, each made safe as it was built.
 */
export function madeSafe<T extends object>(value: T): T {
  madeSafeAlready.add(value);
  return value;
}
