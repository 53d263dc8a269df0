// Commands as the walk runs them and as people read them. Pure: no I/O.
// Values reach a command one argument each (vars.ts); a secret never enters
// argv at all, because argv is written to the log and visible to `ps`.

import { ellipsized } from '../text/graphemes.js';
import type { CommandSpec, Slot } from './types.js';
import {
  envNameOf,
  fillCommand,
  placeholdersOf,
  quoteFor,
  replaceSlots,
  shellQuote,
  slotsOf,
} from './vars.js';

export { placeholdersOf } from './vars.js';

/** A command ready for runRecorded; `env` carries the values that travel outside argv. */
export interface Prepared {
  argv: string[];
  shell?: string;
  env?: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;

/** How a script refers to a value passed in the environment, for where the slot stands. */
function reference(slot: Slot): string {
  const name = envNameOf(slot.name);
  switch (slot.quoting) {
    case 'none':
      return `"\${${name}}"`;
    case 'single':
      return `'"\${${name}}"'`;
    case 'double':
    case 'heredoc':
      return `\${${name}}`;
  }
}

/**
 * Fills a command's values. An argument vector gets each value spliced into its
 * one argument, no shell involved. A script never gets a value written into it:
 * each value travels in the environment (ONCALL_<NAME>) and the script refers to
 * it at the placeholder's place, quoted for that place, so the shell reads it as
 * one argument and never parses it. A secret never enters argv (argv is logged
 * and visible to `ps`): an argument vector with one runs through `sh` the same way.
 */
export function prepareCommand(
  spec: CommandSpec,
  vars: Record<string, string>,
  secrets: ReadonlyMap<string, string>,
): Prepared {
  const all = { ...vars, ...Object.fromEntries(secrets) };
  // Also refuses a placeholder without a value, so a placeholder is never run.
  const filled = fillCommand(spec, all);
  const slots = slotsOf(spec);
  if (!slots.length) return filled;
  const usesSecret = slots.some((s) => secrets.has(s.name));
  if (spec.shell === undefined && !usesSecret) return filled;
  const env: Record<string, string> = {};
  for (const slot of slots) env[envNameOf(slot.name)] = all[slot.name] ?? '';
  for (const p of placeholdersOf(spec)) {
    if (p.kind === 'env' && p.variable && all[p.name] !== undefined)
      env[p.variable] = all[p.name] ?? '';
  }
  if (spec.shell !== undefined)
    return { argv: replaceSlots(spec, reference), shell: spec.shell, env };
  // An argument vector with a secret: each argument one word of a `sh` script,
  // the literal pieces single-quoted, the values referenced.
  const words = replaceSlots(
    spec,
    (slot) => `\u0000${reference({ ...slot, quoting: 'none' })}\u0000`,
  );
  const script = words
    .map(
      (word) =>
        word
          .split('\u0000')
          .map((piece, i) => (i % 2 ? piece : piece ? shellQuote(piece) : ''))
          .join('') || "''",
    )
    .join(' ');
  return { argv: [`exec ${script}`], shell: 'sh', env };
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

const PLAIN = /^[\w@%+=:,./{}\u2022-]+$/;
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
  return ellipsized(text, max);
}

/** How a secret answer (an `ask` step marked secret) is shown in a command: never the value, only that there is one. */
export const SECRET_ANSWER_MASK = '•••';

/**
 * A command as it would run with what is known so far, for people to read (and
 * to edit: the text is a valid command for its shell). A placeholder without a
 * value stays as written (or `•••` when `isSecret` says it is a secret answer
 * not given this session), so nothing is refused or guessed.
 */
export function previewCommand(
  spec: CommandSpec,
  known: Record<string, string>,
  isSecret: (name: string) => boolean = () => false,
  max = Infinity,
): string {
  const values = (slot: Slot): string | undefined =>
    known[slot.name] ?? (isSecret(slot.name) ? SECRET_ANSWER_MASK : undefined);
  if (spec.shell !== undefined) {
    const text = replaceSlots(spec, (slot) => {
      const value = values(slot);
      if (value === undefined) return spec.argv[slot.arg]?.slice(slot.start, slot.end) ?? '';
      return slot.quoting === 'none' && /^[\w@%+=:,./\u2022-]+$/.test(value)
        ? value
        : quoteFor(slot.quoting, value);
    })[0];
    const shown = spec.shell === 'sh' ? (text ?? '') : `${text}  (${spec.shell})`;
    return ellipsized(shown, max);
  }
  // Nothing known yet: the command exactly as the author wrote it.
  const slots = slotsOf(spec);
  if (spec.placeholders && !slots.some((slot) => values(slot) !== undefined)) {
    return ellipsized(spec.source, max);
  }
  const open = new Set<number>();
  const argv = replaceSlots(spec, (slot) => {
    const value = values(slot);
    if (value === undefined) open.add(slot.arg);
    return value ?? spec.argv[slot.arg]?.slice(slot.start, slot.end) ?? '';
  });
  // An argument still holding a placeholder is shown as written (it cannot run as it is).
  const text = argv.map((arg, i) => (open.has(i) ? arg : showCommand({ argv: [arg] }))).join(' ');
  return ellipsized(text, max);
}
