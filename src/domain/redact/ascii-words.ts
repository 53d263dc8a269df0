// Which of a list of ASCII words occur in a long text, in one pass over its
// characters (an Aho-Corasick automaton: every word is followed at once, so
// each character is looked at once, whatever the number of words). Over a
// night's postmortem draft (11 MB) the trie-shaped regex of words-present.ts
// took 0.13 s for the gitleaks keywords alone; this takes a fraction of it.
// Ignoring case, only A-Z fold to a-z: exactly what a regex's `i` flag does for
// an ASCII word (without `u`, no other character matches an ASCII letter).

/** Characters a word may hold: ASCII. Any other character in the text starts every word over. */
const ALPHABET = 128;

interface Automaton {
  /** The next state from each state (a row of ALPHABET entries per state). */
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

/** The trie of the words: its transitions (-1: none yet) and the word each state ends. */
function trieOf(words: readonly string[]): { next: number[]; own: (number | undefined)[] } {
  const next: number[] = new Array(ALPHABET).fill(-1);
  const own: (number | undefined)[] = [undefined];
  words.forEach((word, index) => {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const at = state * ALPHABET + word.charCodeAt(i);
      if ((next[at] as number) < 0) {
        next[at] = own.length;
        own.push(undefined);
        for (let c = 0; c < ALPHABET; c++) next.push(-1);
      }
      state = next[at] as number;
    }
    own[state] = index;
  });
  return { next, own };
}

/** The automaton of `words` (ASCII, distinct, none empty): the trie with every failure followed ahead of time. */
function automatonOf(words: readonly string[], ignoreCase: boolean): Automaton {
  const { next: trie, own } = trieOf(words);
  const states = own.length;
  const next = new Int32Array(states * ALPHABET);
  const fail = new Int32Array(states);
  const ends: (number[] | undefined)[] = new Array(states).fill(undefined);
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const child = trie[c] as number;
    next[c] = child < 0 ? 0 : child;
    if (child > 0) queue.push(child);
  }
  // Breadth first: a state's failure is shallower, so its row and its ends are done before it.
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q] as number;
    const word = own[state];
    const inherited = ends[fail[state] as number];
    if (word !== undefined || inherited)
      ends[state] = [...(word !== undefined ? [word] : []), ...(inherited ?? [])];
    for (let c = 0; c < ALPHABET; c++) {
      const child = trie[state * ALPHABET + c] as number;
      const onFail = next[(fail[state] as number) * ALPHABET + c] as number;
      if (child < 0) next[state * ALPHABET + c] = onFail;
      else {
        next[state * ALPHABET + c] = child;
        fail[child] = onFail;
        queue.push(child);
      }
    }
  }
  // Ignoring case, an upper-case letter goes where its lower case goes: no test per character.
  if (ignoreCase)
    for (let state = 0; state < states; state++)
      for (let c = 65; c <= 90; c++)
        next[state * ALPHABET + c] = next[state * ALPHABET + c + 32] as number;
  return { next, ends, ending: Uint8Array.from(ends, (e) => (e ? 1 : 0)) };
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
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      state = next[state * ALPHABET + c] as number;
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
