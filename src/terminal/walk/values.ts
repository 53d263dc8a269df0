// The values a plain runbook's command needs before it runs: each placeholder
// (`<node-name>`, `$NAMESPACE`, `YOUR_CLUSTER`...) is asked, offering the
// earlier answer or the alert's label of that name (`--label namespace=web`)
// as the default, and recorded as an answer so the next command (and a resumed
// walk) offers it again. A variable already set in the environment is not
// asked: the command gets that value. A name that sounds secret is asked
// masked and never enters the log.

import type { CommandSpec, Placeholder } from '../../domain/runbook/types.js';
import { PREDEFINED_VARIABLES } from '../../domain/runbook/vars.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { WalkSession } from './session.js';

const SECRET_NAME = /pass(word)?|secret|token|api-?key|credential/i;

/**
 * The values found without asking: for a `$VAR` the shell would read, the
 * environment's, as the walk's earlier commands left it (an `export NS=…` of
 * an earlier command is what a later `$NS` reads, as in a terminal).
 */
export function environmentValues(s: WalkSession, spec: CommandSpec): Record<string, string> {
  const values: Record<string, string> = {};
  const env = s.commandEnv();
  for (const p of spec.placeholders ?? []) {
    const value = p.kind === 'env' && p.variable ? env[p.variable] : undefined;
    if (value !== undefined && value !== '') values[p.name] = value;
  }
  return values;
}

function prompt(p: Placeholder): string {
  const text = safeLine(p.text);
  const what = p.kind === 'env' ? `${text} (not set here)` : text;
  return `Value for ${what}:`;
}

/**
 * Asks for every placeholder of a plain command that has no value from the
 * incident or the environment; the earlier answer or the alert's label is the
 * default (Enter takes it). Annotated commands' `{{names}}` come from their
 * ask steps and are not asked here.
 */
export async function askPlaceholders(s: WalkSession, spec: CommandSpec): Promise<void> {
  const fromEnv = environmentValues(s, spec);
  for (const p of spec.placeholders ?? []) {
    if (
      (PREDEFINED_VARIABLES as readonly string[]).includes(p.name) ||
      fromEnv[p.name] !== undefined
    ) {
      continue;
    }
    if (SECRET_NAME.test(p.name)) {
      if (s.secrets.has(p.name)) continue;
      const value = await s.askSecret(prompt(p));
      s.secrets.set(p.name, value);
      s.act({ type: 'fill', name: p.name, value, secret: true });
      continue;
    }
    const earlier = s.state.variables[p.name] ?? s.labels[p.name];
    const value = await s.askText(prompt(p), earlier);
    s.act({ type: 'fill', name: p.name, value, secret: false });
    s.load();
  }
}
