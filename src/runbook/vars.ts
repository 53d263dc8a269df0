// Variables in runbook commands: `{{name}}` placeholders, filled from `ask`
// steps (and the predefined incident facts below) just before a command runs.
//
// Why per argv element: a value typed at 2am ("v1.2.3; rm -rf /") must reach the
// command as one argument, never be re-split or interpreted. Only a step that
// declares a shell gets a shell, and then each value is single-quoted.
import { UsageError } from '../errors.js';
import type { CommandSpec } from './types.js';

/**
 * Variables every runbook may use without an `ask` step; the walker fills them
 * from the incident: its id, title, service, severity (SEV1..SEV4) and the alert
 * that fired. A command using one the incident lacks (no service) is refused.
 */
export const PREDEFINED_VARIABLES = ['incident', 'title', 'service', 'severity', 'alert'] as const;

/** A variable name as written in `{{name}}` and in an ask step's `var:`. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;

/** Names used by `{{name}}` placeholders in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names];
}

/** Placeholders of a command that are not in `known`. */
export function undefinedVariables(spec: CommandSpec, known: Set<string>): string[] {
  const used = new Set(spec.argv.flatMap(placeholdersIn));
  return [...used].filter((name) => !known.has(name));
}

/** Wraps a value in single quotes for a POSIX shell; a quote inside becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function fill(text: string, vars: Record<string, string>, quote: boolean, source: string): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      throw new UsageError(
        `{{${name}}} has no value in \`${source}\`; answer the ask step that sets it, or note the value and skip this step.`,
      );
    }
    return quote ? shellQuote(value) : value;
  });
}

/**
 * The argument vector to run: each element filled on its own (never re-split);
 * for a shell step the script's values are single-quoted. Throws UsageError when
 * a placeholder has no value, so a literal `{{x}}` is never run.
 */
export function fillCommand(
  spec: CommandSpec,
  vars: Record<string, string>,
): { argv: string[]; shell?: string } {
  const quote = spec.shell !== undefined;
  const argv = spec.argv.map((arg) => fill(arg, vars, quote, spec.source));
  return spec.shell !== undefined ? { argv, shell: spec.shell } : { argv };
}
