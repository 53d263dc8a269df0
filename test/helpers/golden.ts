// Golden files: compare rendered text with a committed expected file.
// To accept new output after an intended change, regenerate and review the diff:
//   UPDATE_GOLDEN=1 npx vitest run test/unit/render/golden.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A line diff (LCS) of expected vs actual, `-` expected, `+` actual, with 2 lines of context. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..], flattened.
  const w = b.length + 1;
  const lcs = new Array<number>((a.length + 1) * w).fill(0);
  const at = (i: number, j: number) => lcs[i * w + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const ops: { tag: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ tag: ' ', line: a[i] ?? '' });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || at(i + 1, j) >= at(i, j + 1))) {
      // Removed lines first, then added ones: reads like `diff -u`.
      ops.push({ tag: '-', line: a[i] ?? '' });
      i++;
    } else {
      ops.push({ tag: '+', line: b[j] ?? '' });
      j++;
    }
  }
  const near = (k: number) => ops.slice(Math.max(0, k - 2), k + 3).some((o) => o.tag !== ' ');
  return ops
    .map((o, k) => (near(k) ? `${o.tag} ${o.line}` : undefined))
    .filter((l, k, all) => l !== undefined || all[k - 1] !== undefined)
    .map((l) => l ?? '  …')
    .join('\n');
}

/** Throws with a diff when `actual` differs from the file; writes the file with UPDATE_GOLDEN=1. */
export function expectGolden(
  file: string,
  actual: string,
  update = process.env.UPDATE_GOLDEN === '1',
): void {
  if (update) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(
      `missing golden file ${file}; create it with UPDATE_GOLDEN=1 npx vitest run test/unit/render/golden.test.ts`,
    );
  }
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) {
    throw new Error(
      `${file} differs (- expected, + actual); if the change is intended: UPDATE_GOLDEN=1 npx vitest run test/unit/render/golden.test.ts\n${lineDiff(expected, actual)}`,
    );
  }
}
