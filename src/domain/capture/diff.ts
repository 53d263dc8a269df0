// A unified diff of lines added to a file (nothing removed or changed, as
// `runbook suggest` only adds), shown before anything is written: three
// lines of context, nearby additions in one hunk, as `diff -u` prints it.
import type { Insertion } from './suggest-markdown.js';

const CONTEXT = 3;

interface Hunk {
  /** Old lines [from, to). */
  from: number;
  to: number;
  insertions: Insertion[];
}

function hunksOf(lineCount: number, insertions: readonly Insertion[]): Hunk[] {
  const hunks: Hunk[] = [];
  for (const insertion of [...insertions].sort((a, b) => a.at - b.at)) {
    const from = Math.max(0, insertion.at - CONTEXT);
    const to = Math.min(lineCount, insertion.at + CONTEXT);
    const last = hunks.at(-1);
    if (last && from <= last.to) {
      last.to = Math.max(last.to, to);
      last.insertions.push(insertion);
    } else hunks.push({ from, to, insertions: [insertion] });
  }
  return hunks;
}

export function insertionDiff(
  file: string,
  lines: readonly string[],
  insertions: readonly Insertion[],
): string {
  const out = [`--- ${file}`, `+++ ${file}`];
  let shift = 0;
  for (const hunk of hunksOf(lines.length, insertions)) {
    const added = hunk.insertions.reduce((n, i) => n + i.lines.length, 0);
    const oldCount = hunk.to - hunk.from;
    out.push(`@@ -${hunk.from + 1},${oldCount} +${hunk.from + 1 + shift},${oldCount + added} @@`);
    for (let at = hunk.from; at <= hunk.to; at++) {
      for (const insertion of hunk.insertions.filter((i) => i.at === at)) {
        out.push(...insertion.lines.map((l) => `+${l}`));
      }
      if (at < hunk.to) out.push(` ${lines[at] ?? ''}`);
    }
    shift += added;
  }
  return `${out.join('\n')}\n`;
}
