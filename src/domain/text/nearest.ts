// The nearest of a few names to one typed in a hurry: a command, a flag. A slip
// of a letter or two, two letters swapped, a word cut short (`--hypo`), a dash
// too few (`-hypothesis`), an underscore for a dash, or a word written out
// (`--markdown` for `--md`) all find their name.
import { editDistance } from './edit-distance.js';

/** Lower case, no leading dashes, `_` as `-`: how two spellings of one name compare. */
function plain(name: string): string {
  return name.replace(/^-+/, '').replace(/_/g, '-').toLowerCase();
}

/** Two neighbouring letters swapped count as one slip (`udpate`), not two. */
function slips(a: string, b: string): number {
  const d = editDistance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const differ = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = differ;
  const swapped =
    differ.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  return swapped ? 1 : d;
}

/** How far `typed` is from `name`; undefined when too far to be meant. */
function distance(typed: string, name: string): number | undefined {
  if (typed === name) return 0;
  // A word cut short (`hypo`, `stat`) or run long (`notes`): nearer than any slip.
  const short = typed.length >= 3 && name.startsWith(typed);
  const long = name.length >= 3 && typed.startsWith(name) && typed.length - name.length <= 2;
  if (short || long) return 0.5;
  const d = slips(typed, name);
  const allowed = Math.max(1, Math.min(3, Math.floor(Math.max(typed.length, name.length) / 3)));
  if (d <= allowed) return d;
  // A short name the long word is written out from (`md` for `markdown`): only when nothing is nearer.
  return abbreviates(name, typed) ? 4 : undefined;
}

/** `short` is `long` cut down to some of its letters, in order, from the same first one (`md`, `markdown`). */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 2 || long.length < 2 * short.length || short[0] !== long[0]) return false;
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
}

/**
 * The names nearest to `typed` (the best, and any as near), best first;
 * empty when none is near enough to be what was meant.
 */
export function nearest(typed: string, names: readonly string[]): string[] {
  const wanted = plain(typed);
  if (!wanted) return [];
  const scored = names.flatMap((name) => {
    const d = distance(wanted, plain(name));
    return d === undefined ? [] : [{ name, d }];
  });
  const best = Math.min(...scored.map((s) => s.d));
  return [...new Set(scored.filter((s) => s.d === best).map((s) => s.name))];
}
