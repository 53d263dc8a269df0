// Variables in runbook commands: placeholders filled from `ask` steps, the
// responder's answers and the predefined incident facts below, just before a
// command runs.
//
// Why by slot: a value typed at 2am ("v1.2.3; rm -rf /") must reach the command
// as one argument, never be re-split or interpreted. A slot is the exact
// characters of one argument (or of a script) that a placeholder occupies, and
// how they are quoted there (slots.ts of the readers sets them; for an annotated
// command they are its `{{name}}`s, found per argument here).
import { UsageError } from '../../errors.js';
import type { CommandSpec, Placeholder, Quoting, Slot } from './types.js';

/**
 * Variables every runbook may use without an `ask` step; the walker fills them
 * from the incident: its id, title, service, severity (SEV1..SEV4) and the alert
 * that fired. A command using one the incident lacks (no service) is refused.
 */
export const PREDEFINED_VARIABLES = ['incident', 'title', 'service', 'severity', 'alert'] as const;

/** A variable name as written in `{{name}}` and in an ask step's `var:`. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
/** Go template words (`{{end}}`): never an oncall variable, nor a placeholder. */
export const TEMPLATE_WORDS = new Set([
  'end',
  'else',
  'range',
  'if',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'nil',
]);

/**
 * The `{{name}}` placeholders of one text (an argument, an escalation's ask), in
 * order: not a Go/Helm template's words, and nothing in a text that holds a
 * template action (`{{ .Values.x }}`, `{{range .items}}`): that text is a template.
 */
function bracesIn(text: string): RegExpMatchArray[] {
  const actions = text.match(/\{\{[^}]*\}\}/g) ?? [];
  if (actions.some((a) => !/^\{\{\s*[A-Za-z_][\w-]*\s*\}\}$/.test(a))) return [];
  return [...text.matchAll(PLACEHOLDER)].filter((m) => !TEMPLATE_WORDS.has(m[1] ?? ''));
}

/** Names used by `{{name}}` placeholders in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(bracesIn(text).map((m) => m[1] ?? ''))];
}

/** A command's slots: the reader's, or (an annotated command) its `{{name}}`s per argument. */
export function slotsOf(spec: CommandSpec): Slot[] {
  if (spec.slots) return spec.slots;
  const quoting: Quoting = 'none';
  return spec.argv.flatMap((text, arg) =>
    bracesIn(text).map((m) => {
      const start = m.index ?? 0;
      return { arg, start, end: start + m[0].length, name: m[1] ?? '', quoting };
    }),
  );
}

/** A command's placeholders, each once, in order of first use. */
export function placeholdersOf(spec: CommandSpec): Placeholder[] {
  if (spec.placeholders) return spec.placeholders;
  const names = [...new Set(slotsOf(spec).map((s) => s.name))];
  return names.map((name) => ({ name, text: `{{${name}}}`, kind: 'braces' as const }));
}

/** Placeholders of a command that are not in `known`. */
export function undefinedVariables(spec: CommandSpec, known: Set<string>): string[] {
  return placeholdersOf(spec)
    .map((p) => p.name)
    .filter((name) => !known.has(name));
}

/** The environment variable a value travels in: `node-name` -> `ONCALL_NODE_NAME`. */
export function envNameOf(name: string): string {
  return `ONCALL_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Wraps a value in single quotes for a POSIX shell; a quote inside becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A value written into a script where `quoting` says, so the shell reads it as that text. */
export function quoteFor(quoting: Quoting, value: string): string {
  switch (quoting) {
    case 'single':
      return value.replaceAll("'", `'\\''`);
    case 'double':
    case 'heredoc':
      return value.replace(/[$`"\\]/g, '\\$&');
    case 'none':
      return shellQuote(value);
  }
}

/**
 * Replaces each slot of each argument with `replace(slot)`. Slots are applied
 * from the end of an argument backwards, so earlier offsets stay right.
 */
export function replaceSlots(spec: CommandSpec, replace: (slot: Slot) => string): string[] {
  const slots = [...slotsOf(spec)].sort((a, b) => a.arg - b.arg || b.start - a.start);
  const argv = [...spec.argv];
  for (const slot of slots) {
    const text = argv[slot.arg] ?? '';
    argv[slot.arg] = text.slice(0, slot.start) + replace(slot) + text.slice(slot.end);
  }
  return argv;
}

function valueFor(spec: CommandSpec, name: string, vars: Record<string, string>): string {
  const value = vars[name];
  if (value === undefined) {
    const text = placeholdersOf(spec).find((p) => p.name === name)?.text ?? `{{${name}}}`;
    throw new UsageError(
      `${text} has no value in \`${spec.source}\`; answer the ask step that sets it, or note the value and skip this step.`,
    );
  }
  return value;
}

/**
 * The command with its values written in: each argv element filled on its own
 * (never re-split); in a script each value quoted for where it stands. Throws
 * UsageError when a placeholder has no value, so a placeholder is never run.
 */
export function fillCommand(
  spec: CommandSpec,
  vars: Record<string, string>,
): { argv: string[]; shell?: string } {
  const script = spec.shell !== undefined;
  const argv = replaceSlots(spec, (slot) => {
    const value = valueFor(spec, slot.name, vars);
    return script ? quoteFor(slot.quoting, value) : value;
  });
  return script ? { argv, shell: spec.shell } : { argv };
}
