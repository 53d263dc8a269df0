// Lint: every problem of a runbook, as `file:line: severity: message`. Reading
// (read.ts) reports what is wrong in the frontmatter or inside one step; the
// checks here look across steps: ids that must be unique, `next:`, choices and
// `until:` that must name a step, escalations to contacts the runbook knows,
// and `{{variables}}` used before an ask step sets them. parse.ts runs the same
// checks, so `loadRunbook` refuses exactly what lint reports as an error.
import { inLineOrder, type LintProblem, ProblemCollector } from './problems.js';
import { type ReadRunbook, readRunbook } from './read.js';
import type { StepMeta } from './step-meta.js';
import type { Runbook, Step } from './types.js';
import { PREDEFINED_VARIABLES, placeholdersIn, slotsOf } from './vars.js';

export type { LintProblem } from './problems.js';
export { countProblems, formatProblem } from './problems.js';

/** All problems of one runbook's text, in line order. Never throws for bad content. */
export function lintRunbook(text: string, file: string): LintProblem[] {
  return lintRead(readRunbook(text, file));
}

/** What reading found plus the checks across steps, in line order (found order within a line). */
export function lintRead({ runbook, problems, metas }: ReadRunbook): LintProblem[] {
  const out = new ProblemCollector(runbook.file);
  const lineOf = (step: Step) => metas.get(step)?.annotationLine ?? step.line;
  checkUntil(runbook.steps, metas, out);
  checkUniqueIds(runbook.steps, lineOf, out);
  checkJumps(runbook.steps, metas, out);
  checkEscalations(runbook, lineOf, out);
  checkVariables(runbook.steps, metas, out);
  return inLineOrder([...problems, ...out.problems]);
}

/** A wait's `until:` must name a check step with a command (read.ts linked those that do). */
function checkUntil(steps: Step[], metas: Map<Step, StepMeta>, out: ProblemCollector): void {
  for (const step of steps) {
    const meta = metas.get(step);
    if (step.kind !== 'wait' || !meta?.untilRef || step.until) continue;
    const target = steps.find((s) => s.id === meta.untilRef);
    out.error(
      meta.annotationLine,
      `until: "${meta.untilRef}" is ${target ? `a ${target.kind} step` : 'no step id here'}; name a check step, or put the command in a code block`,
    );
  }
}

function checkUniqueIds(
  steps: Step[],
  lineOf: (step: Step) => number,
  out: ProblemCollector,
): void {
  const firstAt = new Map<string, number>();
  for (const step of steps) {
    const seen = firstAt.get(step.id);
    if (seen === undefined) firstAt.set(step.id, step.line);
    else {
      out.error(
        lineOf(step),
        `duplicate step id "${step.id}" (first at line ${seen}); ids must be unique`,
      );
    }
  }
}

/** `next:` and every decide choice must go to a step of this runbook. */
function checkJumps(steps: Step[], metas: Map<Step, StepMeta>, out: ProblemCollector): void {
  const ids = [...new Set(steps.map((s) => s.id))];
  const jump = (target: string, line: number, what: string) => {
    if (!ids.includes(target)) {
      out.error(
        line,
        `${what} goes to "${target}", which is no step id here (ids: ${ids.join(', ')})`,
      );
    }
  };
  for (const step of steps) {
    const meta = metas.get(step);
    if (step.next) jump(step.next, meta?.annotationLine ?? step.line, 'next:');
    if (step.kind === 'decide') {
      step.choices.forEach((c, i) => {
        jump(c.goto, meta?.choiceLines[i] ?? step.line, `choice "${c.label}"`);
      });
    }
  }
}

/** When the frontmatter lists contacts, an escalation to anyone else is probably a typo. */
function checkEscalations(
  runbook: Runbook,
  lineOf: (step: Step) => number,
  out: ProblemCollector,
): void {
  if (!runbook.contacts.length) return;
  for (const step of runbook.steps) {
    if (step.kind === 'escalate' && step.to && !runbook.contacts.includes(step.to)) {
      out.warn(
        lineOf(step),
        `escalates to "${step.to}", who is not in the frontmatter contacts (${runbook.contacts.join(', ')})`,
      );
    }
  }
}

/**
 * Placeholders the walker fills (commands, and the ask text of an escalation)
 * must be predefined or set by an ask step earlier in the file: the walk fills
 * them in file order.
 */
function checkVariables(steps: Step[], metas: Map<Step, StepMeta>, out: ProblemCollector): void {
  const defined = new Set<string>();
  for (const step of steps) {
    const meta = metas.get(step);
    // Plain Markdown's placeholders are asked for when the command runs; an
    // annotated command's must have a value by then.
    const uses: [string[], number][] = [...(meta?.commandLines ?? [])]
      .filter(([spec]) => !spec.placeholders)
      .map(([spec, line]) => [slotsOf(spec).map((slot) => slot.name), line]);
    if (step.kind === 'escalate' && step.ask) {
      uses.push([placeholdersIn(step.ask), meta?.annotationLine ?? step.line]);
    }
    for (const [names, line] of uses) {
      for (const name of new Set(names)) {
        if ((PREDEFINED_VARIABLES as readonly string[]).includes(name) || defined.has(name)) {
          continue;
        }
        const later = steps.find((s) => s.kind === 'ask' && s.variable === name);
        out.error(
          line,
          later
            ? `{{${name}}} is used before the ask step that sets it (line ${later.line}); move that step earlier`
            : `{{${name}}} is not defined; add an ask step with var: ${name} before this step (predefined: ${PREDEFINED_VARIABLES.join(', ')})`,
        );
      }
    }
    if (step.kind === 'ask' && step.variable) defined.add(step.variable);
  }
}
