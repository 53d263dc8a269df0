// `oncall runbook suggest`: the incident's hand-typed commands the runbook
// lacks, as steps in the runbook's own format, each placed after the step it
// was typed during (those typed outside the walk at the end). Read-only
// commands become checks, the rest confirmed commands: the classifier the
// walk uses decides (runbook/command-effect.ts); a command it does not know
// is confirmed, to be safe.
import { effectOf } from '../runbook/script.js';
import { stepIndex } from '../runbook/steps.js';
import type { Runbook } from '../runbook/types.js';
import { PREDEFINED_VARIABLES, placeholdersIn, VARIABLE_NAME } from '../runbook/vars.js';
import { splitWords } from '../runbook/words.js';
import type { HandCommand } from './hand-typed.js';

export interface Suggestion extends HandCommand {
  kind: 'check' | 'run';
  /** Pipes, redirects, several lines: an annotated step needs `shell: bash`. */
  needsShell: boolean;
}

export interface SuggestionGroup {
  /** The step they were typed during; undefined: outside the walk. */
  stepId?: string;
  suggestions: Suggestion[];
}

/** Each command classified, grouped by its step in the runbook's order, those outside last. */
export function suggestSteps(
  commands: readonly HandCommand[],
  runbook: Runbook,
): SuggestionGroup[] {
  const groups = new Map<string | undefined, Suggestion[]>();
  for (const command of commands) {
    const known = stepIndex(runbook, command.stepId) >= 0 ? command.stepId : undefined;
    const effect = effectOf(command.text);
    const { shellSyntax, error } = splitWords(command.text);
    const suggestion: Suggestion = {
      ...command,
      kind: effect.readOnly ? 'check' : 'run',
      needsShell: Boolean(shellSyntax || error) || command.text.includes('\n'),
    };
    groups.set(known, [...(groups.get(known) ?? []), suggestion]);
  }
  const order = (id: string | undefined) =>
    id === undefined ? Number.POSITIVE_INFINITY : stepIndex(runbook, id);
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([stepId, suggestions]) => ({
      ...(stepId !== undefined ? { stepId } : {}),
      suggestions,
    }));
}

/**
 * The `{{variables}}` a group's commands use that no ask step before the
 * insertion point sets (nor the predefined ones): an annotated runbook gets
 * an ask step for each, or it would not lint.
 */
export function unsetVariables(
  runbook: Runbook,
  afterStep: string | undefined,
  suggestions: readonly Suggestion[],
  alreadyAsked: ReadonlySet<string>,
): string[] {
  const last = afterStep === undefined ? runbook.steps.length - 1 : stepIndex(runbook, afterStep);
  const set = new Set<string>([...PREDEFINED_VARIABLES, ...alreadyAsked]);
  for (const step of runbook.steps.slice(0, last + 1)) {
    if (step.kind === 'ask') set.add(step.variable);
  }
  const used = suggestions.flatMap((s) => placeholdersIn(s.text));
  return [...new Set(used)].filter((name) => !set.has(name) && VARIABLE_NAME.test(name));
}
