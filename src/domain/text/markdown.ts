// Text placed inside Markdown we write (the postmortem draft, `timeline --md`).
// One escaper, so a responder's note with a pipe or a line break cannot break
// a table in one output and not in the other.

/**
 * A table cell: on one line (a line break and the blanks around it become one
 * space) and with every `|` escaped, so the text stays in its column.
 */
export function tableCell(text: string): string {
  // Most cells need neither: a postmortem has a cell for every event.
  const oneLine = text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text;
  return oneLine.includes('|') ? oneLine.replace(/\|/g, '\\|') : oneLine;
}

/** `text` as inline code that no backtick in it can end early. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  if (!longest) return `\`${text}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}
