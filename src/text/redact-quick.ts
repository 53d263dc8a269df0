// The redaction that is cheap enough for every keystroke-fast path (`oncall
// note`): the hand-written forms, tokens with telling prefixes, and the values
// of secret-named environment variables. No gitleaks rules and no config
// patterns: loading and running those would cost more than the note itself.
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

/** Spans of every hand-written form in `text`. */
export function formSpans(text: string): Span[] {
  return [
    ...keyedSpans(text),
    ...flagSpans(text),
    ...programFlagSpans(text),
    ...authHeaderSpans(text),
    ...cookieSpans(text),
    ...urlSpans(text),
    ...tokenSpans(text),
    ...kubeSecretSpans(text),
  ];
}

/** `text` with the forms and the environment's secret values redacted. */
export function redactQuick(text: string, env: NodeJS.ProcessEnv): string {
  return applySpans(text, [...literalSpans(text, envSecretValues(env)), ...formSpans(text)]);
}
