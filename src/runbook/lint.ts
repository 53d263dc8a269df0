// Lint: every problem the parser found, as `file:line: severity: message`.
// The checks themselves live next to the code that understands the format
// (parse.ts); this module names the problem type and formats and counts them.
import { parseRunbook } from './parse.js';

export interface LintProblem {
  file: string;
  /** 1-based line in the runbook file. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** All problems of one runbook's text, in line order. Never throws for bad content. */
export function lintRunbook(text: string, file: string): LintProblem[] {
  return parseRunbook(text, file).problems;
}

export function formatProblem(problem: LintProblem, displayFile = problem.file): string {
  return `${displayFile}:${problem.line}: ${problem.severity}: ${problem.message}`;
}

export function countProblems(problems: readonly LintProblem[]): {
  errors: number;
  warnings: number;
} {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}
