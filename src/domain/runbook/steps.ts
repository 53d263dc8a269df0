// Pure questions about a parsed runbook: where a step is, where it leads, what
// it would run. Used by the walk, the dry run and the texts alike.
import type { CommandSpec, Runbook, Step } from './types.js';
import { slotsOf } from './vars.js';

export function stepById(runbook: Runbook, id: string | undefined): Step | undefined {
  return id === undefined ? undefined : runbook.steps.find((s) => s.id === id);
}

export function stepIndex(runbook: Runbook, id: string | undefined): number {
  return id === undefined ? -1 : runbook.steps.findIndex((s) => s.id === id);
}

/** Where a step leads when it is done or skipped: its `next`, else the following step in the file. */
export function defaultNext(runbook: Runbook, id: string): string | undefined {
  const step = stepById(runbook, id);
  if (step?.next && stepById(runbook, step.next)) return step.next;
  const index = stepIndex(runbook, id);
  return index >= 0 ? runbook.steps[index + 1]?.id : undefined;
}

/** The variable names a command refers to, in order of first use. */
export function variablesIn(spec: CommandSpec): string[] {
  return [...new Set(slotsOf(spec).map((slot) => slot.name))];
}

/** The commands a step would run (a wait's poll counts). */
export function commandsOf(step: Step): CommandSpec[] {
  switch (step.kind) {
    case 'check':
    case 'run':
      return [step.command];
    case 'manual':
      return step.commands;
    case 'wait':
      return step.until ? [step.until] : [];
    default:
      return [];
  }
}
