// The nearest of a few names to one typed in a hurry: a command, a flag. A slip
// of a letter or two, two letters swapped, a word cut short (`--hypo`), a dash
// too few (`-hypothesis`) or an underscore for a dash all find their name.
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
  return d <= allowed ? d : undefined;
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
