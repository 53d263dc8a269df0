// Redaction patterns a team adds in config (`redact:`) are code we did not
// write: one that backtracks catastrophically, like `(a+)+$` on a long run of
// a's, would hang `oncall run` after the command itself had finished. They run
// in a V8 context of their own with node:vm's `timeout`, so a bad pattern costs
// at most PATTERN_TIME_LIMIT_MS; when it runs out, the caller withholds the
// text rather than record it unredacted. (A linear-time engine such as re2js
// would change what a pattern may say: no lookarounds, no backreferences.)
import { createContext, Script } from 'node:vm';
import type { Span } from './spans.js';

/** Far more than any sane pattern needs on a 4,000-character tail. */
export const PATTERN_TIME_LIMIT_MS = 200;

/** A config pattern as [source, flags]: a leading (?i), as gitleaks writes it, becomes the i flag. */
function patternParts(pattern: string): [string, string] {
  return pattern.startsWith('(?i)') ? [pattern.slice(4), 'i'] : [pattern, ''];
}

/** Why a config pattern cannot be used, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  const [source, flags] = patternParts(pattern);
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

// Runs inside the pattern context: every match of one pattern, as start,end pairs.
// A named group `secret` narrows the redaction to that part of the match.
const FIND = new Script(`(() => {
  const re = patterns[index];
  const out = [];
  re.lastIndex = 0;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    const span = (m.indices.groups && m.indices.groups.secret) || m.indices[0];
    out.push(span[0], span[1]);
  }
  return out.join(',');
})()`);

const COMPILE = new Script(
  `patterns = sources.map(([source, flags]) => new RegExp(source, flags + 'gd'))`,
);

export class TimedPatterns {
  private readonly context;
  /** The pattern that ran out of time; from then on every text is withheld. */
  slow: string | undefined;

  constructor(
    readonly patterns: readonly string[],
    readonly limitMs = PATTERN_TIME_LIMIT_MS,
  ) {
    this.context = createContext({ sources: patterns.map(patternParts), input: '', index: 0 });
    COMPILE.runInContext(this.context);
  }

  /** Spans of every pattern's matches, or undefined when one ran out of time (see `slow`). */
  spans(text: string): Span[] | undefined {
    if (this.slow !== undefined) return undefined;
    const spans: Span[] = [];
    this.context.input = text;
    for (let index = 0; index < this.patterns.length; index++) {
      this.context.index = index;
      let found: string;
      try {
        found = FIND.runInContext(this.context, { timeout: this.limitMs });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
        this.slow = this.patterns[index];
        return undefined;
      }
      const numbers = found ? found.split(',').map(Number) : [];
      for (let i = 0; i + 1 < numbers.length; i += 2) {
        spans.push([numbers[i] as number, numbers[i + 1] as number]);
      }
    }
    return spans;
  }
}

/** Texts that make a backtracking pattern show itself: long runs of the characters it names. */
function probeTexts(pattern: string): string[] {
  const named = pattern
    .replace(/\\[dD]/g, '1')
    .replace(/\\[wW]/g, 'a')
    .replace(/\\[sS]/g, ' ')
    .replace(/[\\^$.*+?()[\]{}|]/g, '');
  const chars = [...new Set([...named.slice(0, 40), 'a', '1', ' ', '-', '.', '_', '/', '='])];
  const runs = chars.map((c) => `${c.repeat(40)}\u0001`);
  const literal = named.slice(0, 20);
  return literal ? [...runs, `${literal.repeat(40)}\u0001`] : runs;
}

/**
 * A probe text on which the pattern ran out of time (it backtracks), or
 * undefined. A probe over the limit is run again with five times as long: a
 * pattern that backtracks takes far longer still, while a sane one that was
 * only kept waiting by a busy machine (its first run in a new context, a
 * watchdog late to start) is not flagged.
 */
export function slowProbe(pattern: string, limitMs = 100): string | undefined {
  let timed = new TimedPatterns([pattern], limitMs);
  for (const probe of probeTexts(pattern)) {
    if (timed.spans(probe) !== undefined) continue;
    if (new TimedPatterns([pattern], limitMs * 5).spans(probe) === undefined) {
      const shown = JSON.stringify(probe.slice(0, 12));
      return `a run of ${probe.length - 1} characters like ${shown}`;
    }
    timed = new TimedPatterns([pattern], limitMs); // a false alarm: the next probe gets its own run
  }
  return undefined;
}
