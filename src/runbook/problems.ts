// A problem found in a runbook, and how it is shown: `file:line: severity: message`.
// Its own module so the parser (which finds most problems) and lint (which
// adds the checks across steps) both use it without importing each other.

export interface LintProblem {
  file: string;
  /** 1-based line in the runbook file. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
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
