// Finds secrets with the gitleaks rule set the way gitleaks decides them: a
// rule runs only when one of its keywords is in the text, the secret is its
// first non-empty capture group (or the whole match), it must carry enough
// entropy, and the rule's allowlists (and the global one) can excuse it.
// Returns spans, never rewritten text, so several sources of redaction can be
// merged without one eating another's output.
import { GITLEAKS_GLOBAL_ALLOW, GITLEAKS_RULES } from './gitleaks-rules.js';
import type { GitleaksAllow, GitleaksRule } from './gitleaks-types.js';
import type { Span } from './spans.js';

interface CompiledAllow {
  target: GitleaksAllow['target'];
  regexes: RegExp[];
  stopwords: readonly string[];
}

interface Compiled {
  rule: GitleaksRule;
  regex: RegExp;
  allow: CompiledAllow[];
}

const compileAllow = (allow: GitleaksAllow): CompiledAllow => ({
  target: allow.target,
  regexes: allow.regexes.map(([source, flags]) => new RegExp(source, flags)),
  stopwords: allow.stopwords,
});

let compiled: Compiled[] | undefined;
let globalAllow: CompiledAllow | undefined;

/** Compiled once, on first use: most commands never redact anything. */
function rules(): Compiled[] {
  compiled ??= GITLEAKS_RULES.map((rule) => ({
    rule,
    regex: new RegExp(rule.source, `${rule.flags}gd`),
    allow: (rule.allow ?? []).map(compileAllow),
  }));
  globalAllow ??= compileAllow(GITLEAKS_GLOBAL_ALLOW);
  return compiled;
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
function secretSpan(m: RegExpExecArray): Span {
  const indices = m.indices ?? [];
  for (let g = 1; g < indices.length; g++) {
    const span = indices[g];
    if (span && span[1] > span[0]) return [span[0], span[1]];
  }
  return [m.index, m.index + m[0].length];
}

function findings(text: string, { rule, regex, allow }: Compiled): Span[] {
  const spans: Span[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0] === '') {
      regex.lastIndex++;
      continue;
    }
    const [start, end] = secretSpan(m);
    const secret = text.slice(start, end);
    if (rule.entropy && shannonEntropy(secret) <= rule.entropy) continue;
    // gitleaks' own rule: a generic secret must hold a digit, or it is most likely a word.
    if (rule.id.startsWith('generic') && !/\d/.test(secret)) continue;
    const line = () => lineAround(text, start, end);
    const excused = [...allow, globalAllow as CompiledAllow].some((a) =>
      allowed(a, secret, m[0], line),
    );
    if (!excused) spans.push([start, end]);
  }
  return spans;
}

let keywordFinder: { regex: RegExp; within: Map<string, string[]> } | undefined;

/**
 * The rules' keywords that occur in `lower`, found in one pass: asking
 * `includes` for each of some 240 keywords scans a long text 240 times (two
 * seconds over a 16 MB postmortem). A lookahead tries every position, the
 * longest keyword first; the shorter ones inside a found keyword are added
 * from a table.
 */
export function keywordsIn(lower: string): Set<string> {
  if (!keywordFinder) {
    const all = [...new Set(GITLEAKS_RULES.flatMap((r) => r.keywords))].sort(
      (a, b) => b.length - a.length,
    );
    const escaped = all.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    keywordFinder = {
      regex: new RegExp(`(?=(${escaped.join('|')}))`, 'g'),
      within: new Map(all.map((k) => [k, all.filter((other) => k.includes(other))])),
    };
  }
  const found = new Set<string>();
  for (const m of lower.matchAll(keywordFinder.regex)) {
    const keyword = m[1] as string;
    if (found.has(keyword)) continue;
    for (const inner of keywordFinder.within.get(keyword) ?? []) found.add(inner);
  }
  return found;
}

/** Spans of secrets the gitleaks rules find in `text`. */
export function gitleaksSpans(text: string): Span[] {
  const present = keywordsIn(text.toLowerCase());
  const spans: Span[] = [];
  for (const entry of rules()) {
    const { keywords } = entry.rule;
    if (keywords.length && !keywords.some((k) => present.has(k))) continue;
    spans.push(...findings(text, entry));
  }
  return spans;
}
