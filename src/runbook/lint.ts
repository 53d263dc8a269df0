// Lint: every problem the parser found, as `file:line: severity: message`.
import { parseRunbook } from './parse.js';
import type { LintProblem } from './problems.js';

export type { LintProblem } from './problems.js';
export { countProblems, formatProblem } from './problems.js';

/** All problems of one runbook's text, in line order. Never throws for bad content. */
export function lintRunbook(text: string, file: string): LintProblem[] {
  return parseRunbook(text, file).problems;
}
