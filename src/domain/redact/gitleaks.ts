// Finds secrets with the gitleaks rule set the way gitleaks decides them: a
// rule runs only when one of its keywords is in the text, the secret is its
// first non-empty capture group (or the whole match), it must carry enough
// entropy, and the rule's allowlists (and the global one) can excuse it.
// Returns spans, never rewritten text, so several sources of redaction can be
// merged without one eating another's output.

import { isWordChar } from '../text/char-codes.js';
import { type AnchoredPattern, anchoredMatches, anchoredPattern } from './anchored.js';
import { GITLEAKS_GLOBAL_ALLOW, GITLEAKS_RULES } from './gitleaks-rules.js';
import type { GitleaksAllow, GitleaksRule } from './gitleaks-types.js';
import { addSpans, type Span } from './spans.js';
import { type WordFinder, wordFinder } from './words-present.js';

interface CompiledAllow {
  target: GitleaksAllow['target'];
  regexes: RegExp[];
  stopwords: readonly string[];
}

interface Compiled {
  rule: GitleaksRule;
  /** The rule's regex, without its lazy `[\w.-]{0,50}?` prefix when it has one. */
  regex: RegExp;
  /** The rule began with that prefix: a match's start is found by walking back. */
  prefixed: boolean;
  /** A rule that scans lines on from its word (`curl … -H`): run by anchored.ts. */
  anchored: AnchoredPattern | undefined;
  allow: CompiledAllow[];
}

/**
 * gitleaks' way from `curl` to its `-H`: the rest of the line, or up to five
 * more lines. No line terminator but \r and \n is crossed (`.` takes none).
 */
const LINES_GAP = '(?:.*?|.*?(?:[\\r\\n]{1,2}.*?){1,5})';
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * gitleaks' semi-generic rules begin with a lazy run of up to 50 word
 * characters before their keywords. Run as a regex over a long text, that
 * prefix is tried at every position (0.3 s over a 16 MB postmortem, 20x the
 * rest of the rule). The leftmost match of the whole regex is exactly the
 * leftmost match of the regex without it, started as far back as the run of
 * word characters (and the search's start) allows: so the rest runs as a regex
 * and the prefix is walked back by hand.
 */
const LAZY_PREFIX = '[\\w.-]{0,50}?';
const PREFIX_LENGTH = 50;

/**
 * `[\w.-]`: what the lazy prefix is made of, with or without the `i` flag
 * (half the rules have it: case-insensitively, JavaScript's `\w` is still
 * ASCII). With `u` and `i` together it is not (`ſ` and the Kelvin sign are word
 * characters then): a rule with `u` keeps its prefix.
 */
const isPrefixChar = (c: number) => isWordChar(c) || c === 46 || c === 45; // . -

/** Where a match whose keyword starts at `at` begins: back over the prefix, never before `from`. */
export function prefixStart(text: string, at: number, from: number): number {
  const limit = Math.max(from, at - PREFIX_LENGTH);
  let start = at;
  while (start > limit && isPrefixChar(text.charCodeAt(start - 1))) start--;
  return start;
}

function compileRule(rule: GitleaksRule): Compiled {
  const prefixed = rule.source.startsWith(LAZY_PREFIX) && !rule.flags.includes('u');
  const source = prefixed ? rule.source.slice(LAZY_PREFIX.length) : rule.source;
  const regex = new RegExp(source, `${rule.flags}gd`);
  return {
    rule,
    regex,
    prefixed,
    anchored: source.includes(LINES_GAP) ? anchoredPattern(regex, LINES_GAP, LINE_END) : undefined,
    allow: (rule.allow ?? []).map(compileAllow),
  };
}

const compileAllow = (allow: GitleaksAllow): CompiledAllow => ({
  target: allow.target,
  regexes: allow.regexes.map(([source, flags]) => new RegExp(source, flags)),
  stopwords: allow.stopwords,
});

/**
 * Each rule compiled when a text first holds one of its keywords: a command
 * redacts a few short texts whose words call for a handful of the ~220 rules,
 * and building all of them cost it milliseconds.
 */
const compiled: (Compiled | undefined)[] = [];
let globalAllow: CompiledAllow | undefined;

function ruleAt(i: number): Compiled {
  let rule = compiled[i];
  if (!rule) {
    rule = compileRule(GITLEAKS_RULES[i] as GitleaksRule);
    compiled[i] = rule;
  }
  globalAllow ??= compileAllow(GITLEAKS_GLOBAL_ALLOW);
  return rule;
}

export const GITLEAKS_RULE_COUNT = GITLEAKS_RULES.length;

/** Shannon entropy in bits per character, as gitleaks computes it. */
export function shannonEntropy(text: string): number {
  if (!text) return 0;
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to < 0 ? text.length : to);
}

function allowed(allow: CompiledAllow, secret: string, match: string, line: () => string): boolean {
  const lower = secret.toLowerCase();
  if (allow.stopwords.some((word) => lower.includes(word))) return true;
  const target = allow.target === 'match' ? match : allow.target === 'line' ? line() : secret;
  return allow.regexes.some((re) => re.test(target));
}

/** The secret's span in a match: the first non-empty capture group, else the whole match. */
function secretSpan(m: RegExpExecArray, whole: Span): Span {
  const indices = m.indices ?? [];
  for (let g = 1; g < indices.length; g++) {
    const span = indices[g];
    if (span && span[1] > span[0]) return [span[0], span[1]];
  }
  return whole;
}

/** The rule's matches, each with where the search that found it began (a prefix is walked back no further). */
function* ruleMatches(
  text: string,
  { regex, anchored }: Compiled,
): Generator<[RegExpExecArray, number]> {
  if (anchored) {
    for (const m of anchoredMatches(text, anchored)) yield [m, m.index];
    return;
  }
  regex.lastIndex = 0;
  let from = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0] === '') {
      regex.lastIndex++;
      from = regex.lastIndex;
      continue;
    }
    yield [m, from];
    from = regex.lastIndex;
  }
}

function findings(text: string, compiled: Compiled): Span[] {
  const { rule, prefixed, allow } = compiled;
  const spans: Span[] = [];
  for (const [m, from] of ruleMatches(text, compiled)) {
    if (m[0] === '') continue;
    const matchEnd = m.index + m[0].length;
    const matchStart = prefixed ? prefixStart(text, m.index, from) : m.index;
    const [start, end] = secretSpan(m, [matchStart, matchEnd]);
    const secret = text.slice(start, end);
    if (rule.entropy && shannonEntropy(secret) <= rule.entropy) continue;
    // gitleaks' own rule: a generic secret must hold a digit, or it is most likely a word.
    if (rule.id.startsWith('generic') && !/\d/.test(secret)) continue;
    const match = prefixed ? text.slice(matchStart, matchEnd) : m[0];
    const line = () => lineAround(text, start, end);
    const excused = [...allow, globalAllow as CompiledAllow].some((a) =>
      allowed(a, secret, match, line),
    );
    if (!excused) spans.push([start, end]);
  }
  return spans;
}

let keywordFinder: WordFinder | undefined;

/** The rules' keywords (lower case) that occur in `text`, whatever their case there. */
export function keywordsIn(text: string): Set<string> {
  keywordFinder ??= wordFinder(
    GITLEAKS_RULES.flatMap((r) => r.keywords),
    { ignoreCase: true },
  );
  return keywordFinder.in(text);
}

/** Spans of secrets the gitleaks rules find in `text`. */
export function gitleaksSpans(text: string): Span[] {
  const present = keywordsIn(text);
  const spans: Span[] = [];
  for (let i = 0; i < GITLEAKS_RULES.length; i++) {
    const { keywords } = GITLEAKS_RULES[i] as GitleaksRule;
    if (keywords.length && !keywords.some((k) => present.has(k))) continue;
    addSpans(spans, findings(text, ruleAt(i)));
  }
  return spans;
}
