// Secrets never reach the log: captured output is scrubbed before it is recorded.
const REDACTED = '[REDACTED]';

/** Each pattern with how to keep the harmless part (a key name, a URL's user). */
const BUILT_IN: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, REDACTED],
  [/\bsk_(?:live|test)_[A-Za-z0-9]{10,}\b/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, REDACTED],
  [/(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
  [
    /(\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)[\w.-]*\s*[=:]\s*)(?:"[^"]*"|'[^']*'|\S+)/gi,
    `$1${REDACTED}`,
  ],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
];

export type Redactor = (text: string) => string;

/**
 * Builds a redactor from the built-in patterns, the team's extra patterns
 * (config `redact`) and literal secret values (answers to `secret` steps).
 */
export function makeRedactor(
  extraPatterns: readonly string[] = [],
  secrets: readonly string[] = [],
): Redactor {
  const extra = extraPatterns.map((p) => new RegExp(p, 'g'));
  const literals = secrets.filter((s) => s.length >= 3);
  return (text: string) => {
    let out = text;
    for (const secret of literals) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of BUILT_IN) out = out.replace(pattern, replacement);
    for (const pattern of extra) out = out.replace(pattern, REDACTED);
    return out;
  };
}

/** The last `maxLines` lines (and at most `maxChars` characters) of some output. */
export function tail(text: string, maxLines = 20, maxChars = 4000): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  let out = lines.slice(-maxLines).join('\n');
  if (out.length > maxChars) out = `…${out.slice(-maxChars)}`;
  return out;
}
