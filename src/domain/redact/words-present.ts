// Which of a list of words occur in a text. The redaction finders each run
// only when one of their hint words is there; asking `includes` once per word
// scans a long text once per word (a 16 MB postmortem: 240 gitleaks keywords
// took two seconds, the ~40 token and program hints a fifth of one). Over a
// long text one regex pass finds them all; a short one (a note) keeps the
// `includes` loop, which costs less than compiling anything.

import { asciiWordFinder, asciiWordsOnly } from './ascii-words.js';

/** Texts shorter than this are asked word by word. */
const ONE_PASS_FROM = 4096;

/**
 * Lists of this many words or more are found by the automaton (ascii-words.ts),
 * once the regex has gone through this many characters: the automaton's loop
 * is JavaScript, slower than the regex until it is compiled, so a short draft
 * (a 2,000-event night's 0.25 MB) keeps the regex and a night's 11 MB pays it off.
 */
const AUTOMATON_FROM = 100;
const AUTOMATON_AFTER = 1 << 20;

/** Characters a regular expression reads as syntax. */
const SYNTAX = new Set(['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\']);

/**
 * The words as one pattern shaped like a trie (`a(?:pi(?:_key)?|uth)`): a flat
 * alternation of 240 words tries each word sharing a first letter in turn at
 * every position; the trie tries each letter once. Its optional tails are
 * greedy, so the word matched at a position is still the longest there. Made
 * from the words sorted, a run of them sharing a prefix at a time: a trie of
 * maps cost each drafted text 3 ms before its first word was looked for.
 */
export function trieSource(words: readonly string[]): string {
  const sorted = [...new Set(words)].filter(Boolean).sort();
  // The words sorted[lo] up to sorted[hi] share their first `depth` characters.
  const source = (lo: number, hi: number, depth: number): string => {
    let i = lo;
    // Sorted, a word that is the shared prefix itself comes first.
    const ends = (sorted[i] as string).length === depth;
    if (ends) i++;
    const branches: string[] = [];
    while (i < hi) {
      const c = (sorted[i] as string)[depth] as string;
      let j = i + 1;
      while (j < hi && (sorted[j] as string)[depth] === c) j++;
      branches.push((SYNTAX.has(c) ? `\\${c}` : c) + source(i, j, depth + 1));
      i = j;
    }
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
    return ends ? `(?:${body})?` : body;
  };
  return sorted.length === 0 ? '' : source(0, sorted.length, 0);
}

export interface WordFinder {
  /** The words that occur in `text` (lower case when the finder ignores case). */
  in(text: string): Set<string>;
}

/**
 * A finder for `words`. `ignoreCase`: the words are matched whatever their case
 * and reported lower case (the words given should be lower case).
 */
export function wordFinder(words: readonly string[], { ignoreCase = false } = {}): WordFinder {
  const all = [...new Set(words)].filter(Boolean);
  let regex: RegExp | undefined;
  // The words inside each word found (itself included), made when it is first found: made for all
  // 240 of gitleaks' keywords up front, they cost every drafted text 1.5 ms.
  const within = new Map<string, readonly string[]>();
  const inside = (word: string): readonly string[] => {
    let known = within.get(word);
    if (!known) {
      known = all.filter((other) => word.includes(other));
      within.set(word, known);
    }
    return known;
  };
  const byIncludes = (text: string) => {
    const hay = ignoreCase ? text.toLowerCase() : text;
    return new Set(all.filter((word) => hay.includes(word)));
  };
  const byOnePass = (text: string) => {
    // The word found at a position is the longest there; the shorter ones
    // inside it come from `within`, the ones starting later from searching
    // again one character on.
    regex ??= new RegExp(trieSource(all), ignoreCase ? 'gi' : 'g');
    const found = new Set<string>();
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      const word = ignoreCase ? m[0].toLowerCase() : m[0];
      if (!found.has(word)) for (const inner of inside(word)) found.add(inner);
      if (found.size === all.length) break;
      regex.lastIndex = m.index + 1;
    }
    return found;
  };
  // Many ASCII words (gitleaks' keywords) go through an automaton: the regex tries each at every
  // position. A few words (the token and program hints) stay with the regex, which skips ahead faster.
  const byAutomaton =
    all.length >= AUTOMATON_FROM && asciiWordsOnly(all, ignoreCase)
      ? asciiWordFinder(all, ignoreCase)
      : undefined;
  let scanned = 0;
  const byOneLook = (text: string) => {
    if (byAutomaton && scanned >= AUTOMATON_AFTER) return byAutomaton(text);
    scanned += text.length;
    return byOnePass(text);
  };
  return {
    in: (text) =>
      all.length === 0
        ? new Set()
        : text.length < ONE_PASS_FROM
          ? byIncludes(text)
          : byOneLook(text),
  };
}
