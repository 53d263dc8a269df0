// Which of a list of ASCII words occur in a long text, in one pass over its
// characters (an Aho-Corasick automaton: every word is followed at once, so
// each character is looked at once, whatever the number of words). Over a
// night's postmortem draft (11 MB) the trie-shaped regex of words-present.ts
// took 0.13 s for the gitleaks keywords alone; this takes a fraction of it.
// Ignoring case, only A-Z fold to a-z: exactly what a regex's `i` flag does for
// an ASCII word (without `u`, no other character matches an ASCII letter).

/** Characters a word may hold: ASCII. Any other character in the text starts every word over. */
const ALPHABET = 128;

/**
 * The automaton: the trie of the words, each state's failure (the longest
 * suffix of its path that starts a word) and the words ending at each state.
 * Every transition is worked out ahead, a row of 128 per state (0.2 M entries
 * for gitleaks' 240 keywords): the finder is used on long texts only
 * (words-present.ts), where the loop taking them as they come cost more.
 */
interface Automaton {
  /** The next state from each state, a row of ALPHABET per state (upper case folded when case is ignored). */
  next: Int32Array;
  /** The words that end at each state (its own and its suffixes'), as indexes into the words. */
  ends: (number[] | undefined)[];
  /** 1 where `ends` has words: read for every character, so kept small. */
  ending: Uint8Array;
}

/** True when `words` can go through this finder: ASCII, and lower case when case is ignored. */
export function asciiWordsOnly(words: readonly string[], ignoreCase: boolean): boolean {
  return words.every((w) => isAscii(w) && (!ignoreCase || w === w.toLowerCase()));
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= ALPHABET) return false;
  return true;
}

/** The trie of `words` (ASCII, distinct, none empty) in `next`; the children of each state, by character. */
function trieOf(words: readonly string[], next: Int32Array) {
  const children: number[][] = [[]];
  const own: (number | undefined)[] = [undefined];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      const at = state * ALPHABET + c;
      if ((next[at] as number) < 0) {
        next[at] = own.length;
        (children[state] as number[]).push(c);
        children.push([]);
        own.push(undefined);
      }
      state = next[at] as number;
    }
    own[state] = index;
  }
  return { children, own };
}

/** The automaton of `words` (ASCII, distinct, none empty); `ignoreCase`: A-Z go where a-z go. */
function automatonOf(words: readonly string[], ignoreCase: boolean): Automaton {
  let states = 1;
  for (const word of words) states += word.length;
  const next = new Int32Array(states * ALPHABET).fill(-1);
  const { children, own } = trieOf(words, next);
  const count = own.length;
  const fail = new Int32Array(count);
  const automaton: Automaton = {
    next: next.subarray(0, count * ALPHABET),
    ends: new Array(count).fill(undefined),
    ending: new Uint8Array(count),
  };
  // The root's missing transitions stay at the root.
  for (let c = 0; c < ALPHABET; c++) if ((next[c] as number) < 0) next[c] = 0;
  // Breadth first: a state's failure is shallower, so its row is whole before the state's is made whole.
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q] as number;
    const row = state * ALPHABET;
    if (state !== 0) {
      const failRow = (fail[state] as number) * ALPHABET;
      for (let c = 0; c < ALPHABET; c++)
        if ((next[row + c] as number) < 0) next[row + c] = next[failRow + c] as number;
    }
    for (const c of children[state] as number[]) {
      const child = next[row + c] as number;
      const failure = state === 0 ? 0 : (next[(fail[state] as number) * ALPHABET + c] as number);
      fail[child] = failure;
      const word = own[child];
      const inherited = automaton.ends[failure];
      if (word !== undefined || inherited) {
        automaton.ends[child] = [...(word !== undefined ? [word] : []), ...(inherited ?? [])];
        automaton.ending[child] = 1;
      }
      queue.push(child);
    }
  }
  // Case folded into the table: the scan looks at each character once, as it is.
  if (ignoreCase)
    for (let s = 0; s < count; s++)
      next.copyWithin(s * ALPHABET + 65, s * ALPHABET + 97, s * ALPHABET + 123);
  return automaton;
}

/**
 * A finder of `words` (ASCII; lower case when `ignoreCase`): the set of those
 * that occur in a text, overlapping ones and ones inside others too.
 */
export function asciiWordFinder(
  words: readonly string[],
  ignoreCase: boolean,
): (text: string) => Set<string> {
  const all = [...new Set(words)].filter(Boolean);
  let automaton: Automaton | undefined;
  return (text) => {
    automaton ??= automatonOf(all, ignoreCase);
    const { next, ends, ending } = automaton;
    const seen = new Uint8Array(all.length);
    const found = new Set<string>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      state = c < ALPHABET ? (next[state * ALPHABET + c] as number) : 0;
      if (ending[state] === 0) continue;
      for (const w of ends[state] as number[]) {
        if (seen[w]) continue;
        seen[w] = 1;
        found.add(all[w] as string);
      }
      if (found.size === all.length) break;
    }
    return found;
  };
}
