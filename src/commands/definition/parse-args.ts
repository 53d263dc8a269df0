// Definitions -> node:util parseArgs: the note fast path's parser, from the
// same definition commander registers, so `oncall note` reads the same flags
// either way. No commander here: this path must start nearly as fast as node.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import {
  argumentValues,
  type CommandDefinition,
  type FlagSpec,
  type FlagSpecs,
  flagValues,
} from './define.js';
import { type OptionsOf, programDefinition } from './program.js';
import { flagHint, missingIn } from './typos.js';

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

/** parseArgs has no `--no-<name>` before node 22: a negated flag is a boolean of that name. */
const keyOf = (name: string, spec: FlagSpec) => (spec.type === 'negated' ? `no-${name}` : name);

/** The parseArgs options for these flags (defaults and choices are applied by flagValues). */
export function parseArgsOptions(...flagSets: (FlagSpecs | undefined)[]): ParseArgsOptions {
  const options: ParseArgsOptions = {};
  for (const flags of flagSets) {
    for (const [name, spec] of Object.entries(flags ?? {})) {
      const short = spec.type !== 'negated' && spec.short ? { short: spec.short } : {};
      options[keyOf(name, spec)] = {
        type: spec.type === 'string' || spec.type === 'list' ? 'string' : 'boolean',
        ...(spec.type === 'list' ? { multiple: true } : {}),
        ...short,
      };
    }
  }
  return options;
}

interface ParsedArgv {
  values: Record<string, string | string[] | boolean | undefined>;
  positionals: string[];
}

/** The words after the command name, parsed for `definition` and the global flags. */
export function parseArgv(definition: CommandDefinition, args: string[]): ParsedArgv {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: parseArgsOptions(programDefinition.flags, definition.flags),
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgv['values'], positionals };
  } catch (error) {
    // A flag's value missing (`--kind` last) is said with the line to type; other refusals as they are.
    const missing = /argument missing/.test((error as Error).message);
    const hint =
      flagHint(definition, [definition.name], args) ??
      (missing ? missingIn(definition, [definition.name], args) : undefined);
    throw new UsageError(
      hint ?? `${(error as Error).message}. See \`oncall ${definition.name} --help\`.`,
    );
  }
}

/** Positionals grouped as commander groups them: a variadic argument takes the rest. */
function wordsOf(definition: CommandDefinition, positionals: string[]): (string | string[])[] {
  const specs = definition.arguments ?? [];
  const variadic = specs.findIndex((spec) => spec.variadic);
  if (variadic < 0 && positionals.length > specs.length) {
    throw new UsageError(`too many arguments for '${definition.name}'`);
  }
  if (variadic < 0) return positionals;
  return [...positionals.slice(0, variadic), positionals.slice(variadic)];
}

/** What parseArgs read, as the command's options: global flags, its own flags, its arguments. */
export function optionsFromArgv<D extends CommandDefinition>(
  definition: D,
  parsed: ParsedArgv,
): OptionsOf<D> {
  const raw = (name: string, spec: FlagSpec) => {
    const seen = parsed.values[keyOf(name, spec)];
    return spec.type === 'negated' && seen === true ? false : seen;
  };
  return {
    ...flagValues(programDefinition.flags, raw),
    ...flagValues(definition.flags ?? {}, raw),
    ...argumentValues(definition, wordsOf(definition, parsed.positionals)),
  } as OptionsOf<D>;
}
