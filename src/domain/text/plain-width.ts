// Plain text measured without string-width. Starting string-width (its
// Unicode tables and an Intl.Segmenter) costs a screen of status more than the
// screen itself; nearly every line oncall shows is plain text, one column a
// character. The build bundles string-width behind a stand-in that measures
// through `measured` below (build.mjs, lazy-start), so wrap-ansi's measures
// take the same way; a test holds both to what string-width says.

/**
 * Printable ASCII and Latin-1 (but the soft hyphen, which takes no room), the
 * marks our own screens use (– ’ “ ” • … ← → ⏎ ─ │ ✓ ✗ ❯), and our own colour
 * codes: each character takes one column, a colour code none.
 */
const PLAIN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour codes start with ESC
  /^(?:[\x20-\x7e\xa0-\xac\xae-\xff\u2013\u2019\u201C\u201D\u2022\u2026\u2190\u2192\u23CE\u2500\u2502\u2713\u2717\u276F]|\x1b\[[0-9;]*m)*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: our own colour codes start with ESC
const COLOURS = /\x1b\[[0-9;]*m/g;

/** The columns plain `text` takes on a terminal; undefined when it is not plain. */
export function plainWidth(text: string): number | undefined {
  return PLAIN_TEXT.test(text) ? text.replace(COLOURS, '').length : undefined;
}

/** string-width's options, as wrap-ansi passes them. */
interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

/**
 * What `stringWidth(text, options)` returns, asking `start()` for string-width
 * only when the text is not plain (or the options count differently).
 */
export function measured(
  text: string,
  options: WidthOptions | undefined,
  start: () => (text: string, options?: WidthOptions) => number,
): number {
  const counted = options?.countAnsiEscapeCodes === true && text.includes('\x1b');
  const width = options?.ambiguousIsNarrow === false || counted ? undefined : plainWidth(text);
  return width ?? start()(text, options);
}
