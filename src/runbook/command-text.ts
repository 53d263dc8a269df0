// Commands as the walk runs them and as people read them. Pure: no I/O.
// Values reach a command one argument each (vars.ts); a secret never enters
// argv at all, because argv is written to the log and visible to `ps`.

import { variablesIn } from './steps.js';
import type { CommandSpec } from './types.js';
import { fillCommand, shellQuote } from './vars.js';

/** A command ready for runRecorded; `env` carries secret values when there are any. */
export interface Prepared {
  argv: string[];
  shell?: string;
  env?: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;

/**
 * Fills a command's variables. A secret never goes into the argument vector:
 * argv is written to the log and visible to `ps`. Instead the command runs
 * through `sh`, the secret in its environment and referenced as "$VAR", every
 * other piece single-quoted, so nothing typed can turn into shell syntax.
 */
export function prepareCommand(
  spec: CommandSpec,
  vars: Record<string, string>,
  secrets: ReadonlyMap<string, string>,
): Prepared {
  // Also refuses a placeholder without a value, so a literal {{x}} never runs.
  const filled = fillCommand(spec, { ...vars, ...Object.fromEntries(secrets) });
  const used = variablesIn(spec).filter((name) => secrets.has(name));
  if (!used.length) return filled;
  const env: Record<string, string> = {};
  const ref = new Map<string, string>();
  used.forEach((name, i) => {
    const key = `ONCALL_SECRET_${i + 1}`;
    env[key] = secrets.get(name) ?? '';
    ref.set(name, `"$${key}"`);
  });
  if (spec.shell !== undefined) {
    // A script: values single-quoted (as fillCommand does), a secret as a reference.
    const script = (text: string) =>
      text.replace(PLACEHOLDER, (whole, name: string) => {
        return ref.get(name) ?? shellQuote(vars[name] ?? whole);
      });
    return { argv: spec.argv.map(script), shell: spec.shell, env };
  }
  // An argument vector: each argument stays one word; quoted pieces, the secret spliced in.
  const word = (arg: string) => {
    let out = '';
    let last = 0;
    for (const m of arg.matchAll(PLACEHOLDER)) {
      const before = arg.slice(last, m.index);
      if (before) out += shellQuote(before);
      out += ref.get(m[1] ?? '') ?? shellQuote(vars[m[1] ?? ''] ?? m[0]);
      last = (m.index ?? 0) + m[0].length;
    }
    const rest = arg.slice(last);
    if (rest || !out) out += shellQuote(rest);
    return out;
  };
  return { argv: [`exec ${spec.argv.map(word).join(' ')}`], shell: 'sh', env };
}

/** Fills known `{{name}}` placeholders of a text shown to people; unknown ones stay. */
export function fillText(text: string, vars: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => vars[name] ?? whole);
}

/** The first line of a command, short enough for a menu. */
export function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

const PLAIN = /^[\w@%+=:,./{}•-]+$/;
const DOUBLE_SAFE = /^[^"$`\\!]*$/;

/** One argument as a person would type it: quoted only where needed, readably. */
function showArg(arg: string): string {
  if (PLAIN.test(arg)) return arg;
  if (arg.includes("'") && DOUBLE_SAFE.test(arg)) return `"${arg}"`;
  return shellQuote(arg);
}

/** A command as a person would type it (a shell script as written, with its shell named). */
export function showCommand(filled: { argv: string[]; shell?: string }, max = Infinity): string {
  const text = filled.shell
    ? `${filled.argv.join(' ')}${filled.shell === 'sh' ? '' : `  (${filled.shell})`}`
    : filled.argv.map(showArg).join(' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** How a secret value is shown: never the value, only that there is one. */
export const MASK = '•••';

/**
 * A command as it would run with what is known so far, for people to read:
 * a variable without a value stays `{{name}}` (or `•••` when `isSecret` says
 * it is a secret answer not given this session), so nothing is refused or guessed.
 */
export function previewCommand(
  spec: CommandSpec,
  known: Record<string, string>,
  isSecret: (name: string) => boolean = () => false,
  max = Infinity,
): string {
  const vars = { ...known };
  for (const name of variablesIn(spec)) vars[name] ??= isSecret(name) ? MASK : `{{${name}}}`;
  return showCommand(fillCommand(spec, vars), max);
}
