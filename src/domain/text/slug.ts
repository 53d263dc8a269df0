// Titles made into names. Two kinds, kept side by side because they differ on
// purpose and both are stored: a step id from a runbook heading appears in
// every step event of every incident log, so it must not change for a runbook
// that already exists; an incident id names a folder, so it must be ASCII,
// short and never empty.

/**
 * A runbook heading as a step id, the way Markdown anchors are made: lower
 * case, letters and digits of any script kept, `_` and `-` kept, other marks
 * dropped, each run of blanks one `-`. "Roll back (web)" -> "roll-back-web".
 * May be empty (a heading of punctuation only): the caller picks a fallback.
 */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * A title as part of a folder name: ASCII letters and digits, each other run
 * one `-`, at most `maxLength` characters, no `-` at either end; `fallback`
 * when nothing is left. An accented letter is decomposed first, so it keeps its
 * base letter and the accent is dropped ("Café" -> "cafe", "façade" -> "facade").
 */
export function folderSlug(
  title: string,
  { maxLength, fallback }: { maxLength: number; fallback: string },
): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return slug || fallback;
}
