// check and run steps: one command from the step's first code block, and what
// to offer when it fails. A check only reads (is it healthy?); a run changes
// something (roll back); the walk treats them differently, the format does not.
import type { CheckStep, CommandSpec, OnFailure, RunStep } from '../types.js';
import type { StepInput } from './input.js';

const ON_FAILURE: readonly OnFailure[] = ['ask', 'retry', 'skip', 'shell', 'escalate', 'abort'];

export function buildCommandStep(kind: 'check' | 'run', input: StepInput): CheckStep | RunStep {
  const command = theCommand(kind, input);
  return { ...input.head, kind, command, onFailure: onFailureOf(input), body: '' };
}

/** The first code block; any other is shown as text, and a missing one is an error. */
function theCommand(kind: 'check' | 'run', { head, blocks, take, out }: StepInput): CommandSpec {
  const [first, ...rest] = blocks;
  for (const block of rest) {
    out.warn(
      block.line,
      `a ${kind} step runs only its first code block; this one is shown as text`,
    );
  }
  if (!first) {
    out.error(head.line, `${kind} step "${head.id}" has no code block with its command`);
    return { argv: [], source: '' };
  }
  return take(first) ?? { argv: [], source: first.content.trim() };
}

function onFailureOf({ notes, annotationLine, out }: StepInput): OnFailure {
  const value = (notes.get('on-failure') || 'ask').toLowerCase();
  if ((ON_FAILURE as readonly string[]).includes(value)) return value as OnFailure;
  out.error(annotationLine, `on-failure: "${value}"; use one of ${ON_FAILURE.join(', ')}`);
  return 'ask';
}
