// The shape of the generated gitleaks rule data (src/domain/redact/gitleaks-rules.ts),
// kept apart so the generated file holds nothing but data.

/** What gitleaks calls an allowlist: a match it would flag but knows to be harmless. */
export interface GitleaksAllow {
  /** What the regexes are tested against: the secret, the whole match, or its line. */
  target: 'secret' | 'match' | 'line';
  /** [source, flags], already converted to JavaScript. */
  regexes: readonly (readonly [string, string])[];
  /** Allowed when the secret contains one of these (lower case). */
  stopwords: readonly string[];
}

export interface GitleaksRule {
  id: string;
  /** JavaScript source and flags, converted from Go RE2 by scripts/gitleaks-rules.mjs. */
  source: string;
  flags: string;
  /** The rule runs only when the text (lower-cased) contains one of these; none: always. */
  keywords: readonly string[];
  /** The secret must carry more Shannon entropy than this, when set. */
  entropy?: number;
  allow?: readonly GitleaksAllow[];
}
