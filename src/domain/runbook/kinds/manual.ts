// A manual step: text for the responder to act on, and any code blocks offered
// to run. Both an annotated `kind: manual` step and a plain-Markdown section end
// up as one.
import type { ProblemCollector } from '../problems.js';
import type { CommandSpec, ManualStep } from '../types.js';
import type { StepInput } from './input.js';

/** An annotated manual step: every command block is read under the step's `shell:` (if any). */
export function buildManualStep({ head, blocks, take }: StepInput): ManualStep {
  const commands = blocks.map(take).filter((c): c is CommandSpec => c !== undefined);
  return { ...head, kind: 'manual', commands, body: '' };
}

/** A manual step with nothing to read and nothing to run is almost surely a mistake. */
export function warnIfEmpty(step: ManualStep, out: ProblemCollector): void {
  if (!step.body && !step.commands.length) {
    out.warn(step.line, `section "${step.title}" has no text and no commands`);
  }
}
