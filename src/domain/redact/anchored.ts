// Rules that start at a word and then look for what follows it anywhere up to a
// separator: `curl … -u user:x` to the end of the shell command, gitleaks'
// `curl … -H "Authorization: …"` up to five lines on. Run as a global regex,
// such a rule tries every later occurrence of its word again, and each attempt
// scans the same stretch to the separator: a long line full of the word (a JSON
// one-liner of 2,000 URLs, 250 KB, says `https` 2,000 times) cost the square of
// its length (0.3 s there, seconds at a megabyte). An attempt that fails at one
// occurrence fails at every later one before the next separator (each later
// stretch is part of the first), so the search skips to that separator: the
// same matches exec() would find, in time linear in the text.

/** A rule split where its word ends and the scan up to the separator begins. */
export interface AnchoredPattern {
  /** The rule's word alone (global): where an attempt may start. */
  readonly anchor: RegExp;
  /** The whole rule (sticky): one attempt at one start. */
  readonly whole: RegExp;
  /** What ends the scan (global): past it, a later word sees another stretch. */
  readonly separator: RegExp;
}

/**
 * `pattern` is the word, then `gap` (a scan no `separator` can cross), then
 * the rest. Built once per rule, from the rule's own source, so the two can
 * never disagree; a rule without the gap is a bug in the rule table.
 */
export function anchoredPattern(pattern: RegExp, gap: string, separator: RegExp): AnchoredPattern {
  const at = pattern.source.indexOf(gap);
  if (at <= 0) throw new Error(`anchoredPattern: ${pattern} does not start with a word and ${gap}`);
  const flags = pattern.flags.replace(/[gy]/g, '');
  return {
    anchor: new RegExp(pattern.source.slice(0, at), `${flags.replace('d', '')}g`),
    whole: new RegExp(pattern.source, `${flags}y`),
    separator: new RegExp(separator.source, `${separator.flags.replace(/[gy]/g, '')}g`),
  };
}

/** Each match of the rule in `text`, in order, as a global exec() would return them. */
export function* anchoredMatches(
  text: string,
  { anchor, whole, separator }: AnchoredPattern,
): Generator<RegExpExecArray> {
  let from = 0;
  while (from <= text.length) {
    anchor.lastIndex = from;
    const word = anchor.exec(text);
    if (word === null) return;
    whole.lastIndex = word.index;
    const match = whole.exec(text);
    if (match !== null) {
      yield match;
      from = match[0] === '' ? match.index + 1 : match.index + match[0].length;
      continue;
    }
    separator.lastIndex = word.index + word[0].length;
    const ends = separator.exec(text);
    if (ends === null) return;
    from = ends.index + 1;
  }
}

const split = new WeakMap<RegExp, AnchoredPattern>();

/** anchoredMatches of a rule kept as one regex: split on its first use, then kept. */
export function matchesAnchored(
  text: string,
  pattern: RegExp,
  gap: string,
  separator: RegExp,
): Generator<RegExpExecArray> {
  let rule = split.get(pattern);
  if (!rule) {
    rule = anchoredPattern(pattern, gap, separator);
    split.set(pattern, rule);
  }
  return anchoredMatches(text, rule);
}
