// Secrets never reach the log: captured output, a command's arguments and the
// texts people type are scrubbed before they are recorded. Every source of
// redaction reports spans of the original text (see spans.ts); the text is
// rebuilt once, so only the secret value is replaced and the key, the quotes
// and the `;` or `&&` after it stay. Sources, all merged:
//   - literal values: answers to `secret` runbook steps, secret-named env values
//   - the hand-written forms and telling tokens (redact-quick.ts)
//   - the gitleaks rule set (gitleaks.ts, vendored and converted)
//   - the team's patterns from config, run with a time limit (timed-patterns.ts)
import { gitleaksSpans } from './gitleaks.js';
import { formSpans } from './redact-quick.js';
import { envSecretValues } from './secret-names.js';
import { applySpans, literalSpans, mergeSpans, REDACTED, type Span } from './spans.js';
import { PATTERN_TIME_LIMIT_MS, TimedPatterns } from './timed-patterns.js';

export { REDACTED } from './spans.js';

/** What is recorded instead of a text when a config pattern ran out of time on it. */
export const WITHHELD = `[withheld: a redact pattern from config ran over ${PATTERN_TIME_LIMIT_MS} ms]`;

interface RedactorOptions {
  /** The team's extra patterns (config `redact`), already validated. */
  patterns?: readonly string[];
  /** Literal secret values: answers to `secret` steps. */
  secrets?: readonly string[];
  /** The environment the command runs with: values of secret-named variables are redacted. */
  env?: NodeJS.ProcessEnv;
}

export interface Redactor {
  text(text: string): string;
  /** Each argument redacted in the context of the others (`--password` then its value). */
  argv(argv: readonly string[]): string[];
  /** The config pattern that ran out of time, when one did: what was recorded was withheld. */
  readonly slowPattern: string | undefined;
}

/** The arguments as recorded when they could not be redacted in time: the program name only. */
const withheldArgv = (argv: readonly string[]) => argv.map((arg, i) => (i === 0 ? arg : REDACTED));

/** Spans of the joined arguments cut back to each argument. */
function spansPerArgument(argv: readonly string[], spans: Span[]): Span[][] {
  const merged = mergeSpans(spans);
  let start = 0;
  return argv.map((arg, i) => {
    const end = start + arg.length;
    const own: Span[] = [];
    for (const [s, e] of merged) {
      const from = Math.max(s, start);
      const to = Math.min(e, end);
      if (to > from) own.push([from - start, to - start]);
    }
    // A secret that starts an argument (the value after `--password` or `-a`) is
    // the whole argument: its spaces are part of it, not the end of it.
    const first = own[0];
    if (i > 0 && first && first[0] === 0) first[1] = arg.length;
    start = end + 1;
    return own;
  });
}

function makeRedactor(options: RedactorOptions): Redactor {
  const literals = [
    ...(options.secrets ?? []).filter((s) => s.length >= 3),
    ...envSecretValues(options.env ?? {}),
  ].sort((a, b) => b.length - a.length);
  const timed = options.patterns?.length ? new TimedPatterns(options.patterns) : undefined;
  const spansOf = (text: string): Span[] | undefined => {
    const fromConfig = timed ? timed.spans(text) : [];
    if (fromConfig === undefined) return undefined;
    return [
      ...literalSpans(text, literals),
      ...formSpans(text),
      ...gitleaksSpans(text),
      ...fromConfig,
    ];
  };
  return {
    text(text) {
      const spans = spansOf(text);
      return spans === undefined ? WITHHELD : applySpans(text, spans);
    },
    argv(argv) {
      const spans = spansOf(argv.join(' '));
      if (spans === undefined) return withheldArgv(argv);
      return spansPerArgument(argv, spans).map((own, i) => applySpans(argv[i] as string, own));
    },
    get slowPattern() {
      return timed?.slow;
    },
  };
}

/**
 * The full redactor a command redacts with: every built-in form, gitleaks, the
 * team's patterns (config `redact`), the secret-named values of `env` (the
 * environment the text comes from), and the secret answers a walk holds.
 */
export function redactorFor(
  config: { readonly redact: readonly string[] },
  env: NodeJS.ProcessEnv,
  secrets: readonly string[] = [],
): Redactor {
  return makeRedactor({ patterns: config.redact, env, secrets });
}
