// The redaction cheap enough for `oncall note`'s fast path: the hand-written
// forms, tokens with telling prefixes, and the values of secret-named
// environment variables. No gitleaks rules and no config patterns: loading and
// running those would cost more than the note itself.
import {
  authHeaderSpans,
  cookieSpans,
  flagSpans,
  keyedSpans,
  programFlagSpans,
  urlSpans,
} from './secret-forms.js';
import { envSecretValues } from './secret-names.js';
import { kubeSecretSpans, tokenSpans } from './secret-tokens.js';
import { applySpans, literalSpans, type Span } from './spans.js';

/**
 * [may it be there?, finder]: a finder runs only when a cheap look at the text
 * says its form could be there, so a plain note runs no finder.
 */
const FINDERS: [(text: string) => boolean, (text: string) => Span[]][] = [
  [(text) => text.includes('=') || text.includes(':'), keyedSpans],
  [(text) => text.includes('-'), flagSpans],
  [(text) => text.includes('-'), programFlagSpans],
  [(text) => /authorization/i.test(text), authHeaderSpans],
  [(text) => /cookie|curl/i.test(text), cookieSpans],
  [(text) => text.includes('://'), urlSpans],
  [() => true, tokenSpans],
  [() => true, kubeSecretSpans],
];

/** Spans of every hand-written form in `text`. */
export function formSpans(text: string): Span[] {
  // No lower-cased copy of the text: over a long draft that copy cost more than the tests.
  return FINDERS.flatMap(([mayBe, find]) => (mayBe(text) ? find(text) : []));
}

/** `text` with the forms and the environment's secret values redacted. */
export function redactQuick(text: string, env: NodeJS.ProcessEnv): string {
  return applySpans(text, [...literalSpans(text, envSecretValues(env)), ...formSpans(text)]);
}
