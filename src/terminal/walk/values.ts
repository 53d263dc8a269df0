// The values a plain runbook's commands need (`<node-name>`, `$NAMESPACE`,
// `YOUR_CLUSTER`...): each is asked once per walk, the first time a command
// needs it, and kept (as an answer in the log, so a resume keeps it too); the
// alert's labels and earlier answers are offered as the default
// (domain/walk/suggest.ts). A value changes only on purpose, through "Edit
// values" in the step menu. A variable the shell already has (the responder's
// environment, or what an earlier command of the walk exported) is not asked.
// A name that sounds secret is asked masked and never enters the log.
//
// Values are asked before the command is shown filled in and confirmed, never
// between, and a word that confirms the command ("yes", its verb) is refused as
// a value: a responder who expected the confirmation cannot give it as one.

import { stepIndex } from '../../domain/runbook/steps.js';
import type { CommandSpec, Placeholder, Runbook } from '../../domain/runbook/types.js';
import { PREDEFINED_VARIABLES } from '../../domain/runbook/vars.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { stepSetting } from '../../domain/walk/carried.js';
import { suggestedValue } from '../../domain/walk/suggest.js';
import type { Choice } from '../ui/prompts.js';
import type { Turn, WalkSession } from './session.js';

const SECRET_NAME = /pass(word)?|secret|token|api-?key|credential/i;

/** The placeholders of a command still without a value in this walk: what running it will ask. */
export function valuesToGive(s: WalkSession, spec: CommandSpec): Placeholder[] {
  const fromEnv = s.envValues(spec);
  return (spec.placeholders ?? []).filter(
    (p) =>
      !(PREDEFINED_VARIABLES as readonly string[]).includes(p.name) &&
      fromEnv[p.name] === undefined &&
      s.state.variables[p.name] === undefined &&
      !s.secrets.has(p.name),
  );
}

function prompt(p: Placeholder, runbook?: Runbook): string {
  const text = safeLine(p.text);
  // A variable the runbook sets in a step the walk's shell did not get it from (skipped, or before a resume).
  const from =
    p.kind === 'env' && p.variable && runbook ? stepSetting(runbook, p.variable) : undefined;
  const where = from
    ? `; step ${stepIndex(runbook as Runbook, from.id) + 1} "${safeLine(from.title)}" sets it`
    : '';
  const what = p.kind === 'env' ? `${text} (not set here${where})` : text;
  // The runbook's example is offered as the default, and said to be only an example.
  const example = p.example !== undefined ? ` (the runbook's example: ${safeLine(p.example)})` : '';
  return `Value for ${what}${example}:`;
}

/** The words that confirm running `spec`: never taken as one of its values. */
function confirmingWords(spec: CommandSpec): string[] {
  return ['yes', 'y', ...(spec.verb ? [spec.verb.toLowerCase()] : [])];
}

async function askValue(s: WalkSession, p: Placeholder, spec: CommandSpec): Promise<string> {
  const offered = suggestedValue(p.name, [s.labels, s.state.variables]) ?? p.example;
  for (;;) {
    const value = await s.askText(prompt(p, s.runbook), offered);
    const word = value.trim().toLowerCase();
    if (value === offered || !confirmingWords(spec).includes(word)) return value;
    s.say(
      s.c.yellow(
        safeLine(
          `"${value.trim()}" confirms a command; it is not taken as a value. The values come first, then the command is shown in full and you confirm it.`,
        ),
      ),
    );
  }
}

/**
 * Asks for each value the command needs that this walk has not been given
 * yet, and records it. Returns how many were asked. Annotated commands'
 * `{{names}}` come from their ask steps and are not asked here.
 */
export async function askPlaceholders(s: WalkSession, spec: CommandSpec): Promise<number> {
  const missing = valuesToGive(s, spec);
  if (missing.length) {
    const names = missing.map((p) => safeLine(p.text)).join(', ');
    s.say(
      s.c.dim(
        `First the value${missing.length === 1 ? '' : 's'} it needs, each asked once for the whole walk: ${names}.`,
      ),
    );
  }
  for (const p of missing) {
    if (SECRET_NAME.test(p.name)) {
      const value = await s.askSecret(prompt(p, s.runbook));
      s.secrets.set(p.name, value);
      s.act({ type: 'fill', name: p.name, value, secret: true });
      continue;
    }
    const value = await askValue(s, p, spec);
    s.act({ type: 'fill', name: p.name, value, secret: false });
    s.load();
  }
  return missing.length;
}

/** How many values this walk holds (the answers, and the secrets of this session). */
export function valueCount(s: WalkSession): number {
  const names = new Set([...Object.keys(s.state.variables), ...s.secrets.keys()]);
  return names.size;
}

/** "Edit values": change one value given earlier, on purpose; the later commands use the new one. */
export async function editValues(s: WalkSession): Promise<Turn> {
  const secret = (name: string) => s.secrets.has(name) || s.state.secretVariables.has(name);
  const names = [...new Set([...Object.keys(s.state.variables), ...s.secrets.keys()])];
  const choices: Choice[] = [
    ...names.map((name) => ({
      value: `value:${name}`,
      name: safeLine(`${name} = ${secret(name) ? '•••' : (s.state.variables[name] ?? '')}`),
    })),
    { value: 'keep', name: 'Change nothing' },
  ];
  const picked = await s.askChoice('Which value?', choices);
  if (!picked.startsWith('value:')) return 'again';
  const name = picked.slice('value:'.length);
  if (secret(name)) {
    const value = await s.askSecret(`New value for ${safeLine(name)}:`);
    s.secrets.set(name, value);
    s.act({ type: 'fill', name, value, secret: true });
  } else {
    const value = await s.askEdit(
      `New value for ${safeLine(name)}:`,
      s.state.variables[name] ?? '',
    );
    s.act({ type: 'fill', name, value, secret: false });
  }
  s.say(s.c.green(safeLine(`${name} changed: the commands from now on use the new value.`)));
  return 'again';
}
