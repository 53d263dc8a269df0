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
 * Its transitions are worked out when first taken and kept: building every
 * state's 128 of them ahead cost a short draft (a 2,000-event night) more than
 * the regex's whole pass.
 */
interface Automaton {
  /** The next state from each state, a row of ALPHABET per state; -1: not worked out yet. */
  next: Int32Array;
  /** Each state's failure. */
  fail: Int32Array;
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

/** Where `state` goes on character `c`: its trie's child, else where its failure goes (kept once known). */
function step(automaton: Automaton, state: number, c: number): number {
  const at = state * ALPHABET + c;
  let to = automaton.next[at] as number;
  if (to < 0) {
    to = state === 0 ? 0 : step(automaton, automaton.fail[state] as number, c);
    automaton.next[at] = to;
  }
  return to;
}

/** The automaton of `words` (ASCII, distinct, none empty). */
function automatonOf(words: readonly string[]): Automaton {
  let states = 1;
  for (const word of words) states += word.length;
  const next = new Int32Array(states * ALPHABET).fill(-1);
  const { children, own } = trieOf(words, next);
  const automaton: Automaton = {
    next,
    fail: new Int32Array(own.length),
    ends: new Array(own.length).fill(undefined),
    ending: new Uint8Array(own.length),
  };
  // Breadth first: a state's failure is shallower, so its failure and ends are known before it.
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q] as number;
    for (const c of children[state] as number[]) {
      const child = next[state * ALPHABET + c] as number;
      const fail = state === 0 ? 0 : step(automaton, automaton.fail[state] as number, c);
      automaton.fail[child] = fail;
      const word = own[child];
      const inherited = automaton.ends[fail];
      if (word !== undefined || inherited) {
        automaton.ends[child] = [...(word !== undefined ? [word] : []), ...(inherited ?? [])];
        automaton.ending[child] = 1;
      }
      queue.push(child);
    }
  }
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
    automaton ??= automatonOf(all);
    const { next, ends, ending } = automaton;
    const seen = new Uint8Array(all.length);
    const found = new Set<string>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      if (ignoreCase && c >= 65 && c <= 90) c += 32; // A-Z
      const to = next[state * ALPHABET + c] as number;
      state = to >= 0 ? to : step(automaton, state, c);
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
