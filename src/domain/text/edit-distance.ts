// How far apart two names are, for "did you mean …?" hints: a mistyped runbook,
// contact or command at 2am should cost one retry. One implementation, so every
// hint weighs a slip the same way.

/**
 * Levenshtein distance: the fewest single-character insertions, deletions or
 * substitutions that turn `a` into `b`. Case-sensitive; callers lower-case
 * first when case should not count. O(|a|·|b|) time and O(|b|) memory: meant
 * for names, not documents.
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] ?? 0) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}
