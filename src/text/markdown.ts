// Text placed inside Markdown we write (the postmortem draft, `timeline --md`).
// One escaper, so a responder's note with a pipe or a line break cannot break
// a table in one output and not in the other.

/**
 * A table cell: on one line (a line break and the blanks around it become one
 * space) and with every `|` escaped, so the text stays in its column.
 */
export function tableCell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
