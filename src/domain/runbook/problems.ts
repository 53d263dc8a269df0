// A problem found in a runbook, and how it is shown: `file:line: severity: message`.
// Its own module so the readers (read.ts and the modules it calls, which find
// most problems) and lint (which adds the checks across steps) share it.

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

/** Gathers the problems of one file as the readers find them; `inLineOrder` sorts them for people. */
export class ProblemCollector {
  readonly problems: LintProblem[] = [];
  constructor(readonly file: string) {}
  error(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'error', message });
  }
  warn(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'warning', message });
  }
}

/** Problems sorted by line; the sort is stable, so problems on one line keep the order found. */
export function inLineOrder(problems: readonly LintProblem[]): LintProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
