// Reading many files out of the clone with one git process: `git cat-file
// --batch` takes one object name a line (`<commit>:<path>`, or an object id)
// and answers each with `<oid> <type> <size>\n<bytes>\n`, or `<name> missing`.
// Read as bytes, so a file's size is exact whatever it holds, and split here.
import { type Clone, run } from './clone-git.js';

/** Each named object's contents as text, undefined when it is missing or not a file. */
export async function readBlobs(
  clone: Clone,
  names: readonly string[],
): Promise<(string | undefined)[]> {
  if (names.length === 0) return [];
  // A name with a line break would be read as two: none of ours can hold one.
  const safe = names.map((n) => (/[\n\r]/.test(n) ? 'missing-object' : n));
  const { raw } = await run(clone, 'cat-file', ['cat-file', '--batch'], {
    input: `${safe.join('\n')}\n`,
  });
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const end = raw.indexOf(0x0a, at);
    if (end < 0) break;
    const header = raw.subarray(at, end).toString('utf8');
    at = end + 1;
    const found = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!found) {
      texts.push(undefined);
      continue;
    }
    const size = Number(found[2]);
    texts.push(found[1] === 'blob' ? raw.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1;
  }
  while (texts.length < names.length) texts.push(undefined);
  return texts;
}
