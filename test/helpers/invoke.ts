// Runs a command module in process as the wiring would: the test gives flag and
// argument values by the names the command reads, and they go through the
// command's own definition (defaults, choices, severity parsing), so an
// in-process test meets the same checks as a person typing the words.

import {
  argumentValues,
  type CommandDefinition,
  camelCase,
  flagValues,
} from '../../src/commands/definition/define.js';
import { programDefinition } from '../../src/commands/definition/program.js';
import type { Context } from '../../src/context.js';

type Given = Record<string, unknown>;

function optionsFrom(definition: CommandDefinition, given: Given, extra: Given): Given {
  const known = new Set<string>();
  const flags = flagValues({ ...programDefinition.flags, ...(definition.flags ?? {}) }, (name) => {
    known.add(camelCase(name));
    return given[camelCase(name)];
  });
  const words = (definition.arguments ?? []).map((spec) => {
    const key = spec.key ?? spec.name;
    known.add(key);
    return given[key] as string | string[] | undefined;
  });
  const args: Given = argumentValues(definition, words);
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length)
    throw new Error(`${definition.name} has no flag or argument ${unknown.join(', ')}`);
  return { ...extra, ...flags, ...args };
}

/**
 * `command(ctx, options)` with options built from `given` through `definition`.
 * `extra` carries what the wiring adds beyond the words (e.g. which milestone).
 */
export async function invoke<O>(
  ctx: Context,
  command: (ctx: Context, options: O) => Promise<void>,
  definition: CommandDefinition,
  given: Given = {},
  extra: Given = {},
): Promise<void> {
  const options = optionsFrom(definition, given, extra) as O;
  await command(ctx, options);
}
