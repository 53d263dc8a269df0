// Definitions -> commander: the one module that registers a definition's
// arguments and flags with commander and turns what commander parsed back into
// the command's typed options. Only cli.ts loads it (the note fast path must
// not load commander; it has parse-args.ts).
import { type Command, Option } from 'commander';
import type { Context } from '../../context.js';
import {
  argumentSyntax,
  argumentValues,
  type CommandDefinition,
  type FlagSpec,
  type FlagSpecs,
  flagSyntax,
  flagValues,
  type GroupDefinition,
} from './define.js';
import { type OptionsOf, programDefinition } from './program.js';

/** A definition and what to do when it is typed. */
export interface Wired {
  readonly definition: CommandDefinition;
  readonly run: (ctx: Context, options: unknown) => Promise<void>;
}

/** A group (`oncall runbook`) and its wired subcommands. */
export interface WiredGroup {
  readonly group: GroupDefinition;
  readonly commands: readonly Wired[];
}

/**
 * Pairs a definition with its action. The action is typed from the
 * definition, and commandFor below builds its options from that same
 * definition: that is why forgetting the type here is safe.
 */
export function wire<const D extends CommandDefinition>(
  definition: D,
  run: (ctx: Context, options: OptionsOf<D>) => Promise<void>,
): Wired {
  return { definition, run: run as Wired['run'] };
}

export function group(definition: GroupDefinition, commands: readonly Wired[]): WiredGroup {
  return { group: definition, commands };
}

function optionOf(name: string, spec: FlagSpec): Option {
  if (spec.type === 'list') {
    // Repeatable: each `--label k=v` adds one value (commander's variadic form would eat the arguments).
    return new Option(flagSyntax(name, spec), spec.description).argParser(
      (text: string, previous: string[] | undefined) => [...(previous ?? []), text],
    );
  }
  if (spec.type !== 'string') return new Option(flagSyntax(name, spec), spec.description);
  const empty = spec.emptyMeans === undefined ? '' : ` ('' = ${spec.emptyMeans})`;
  const option = new Option(flagSyntax(name, spec), `${spec.description}${empty}`);
  // Choices are shown in help, but checked by flagValues, as on the fast path:
  // one message for a bad value, and `parse` may accept more (`--sev sev2`).
  if (spec.choices) option.choices(spec.choices).argParser((text: string) => text);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

export function addFlags(command: Command, flags: FlagSpecs | undefined): void {
  for (const [name, spec] of Object.entries(flags ?? {})) command.addOption(optionOf(name, spec));
}

/** The values commander parsed for `flags`, read from this command and its parents. */
function readFlags<F extends FlagSpecs>(flags: F, command: Command) {
  const parsed = command.optsWithGlobals();
  return flagValues(flags, (name, spec) => parsed[optionOf(name, spec).attributeName()]);
}

/** What commander parsed, as the command's options: global flags, its own flags, its arguments. */
function optionsFrom<D extends CommandDefinition>(
  definition: D,
  command: Command,
  words: readonly (string | string[] | undefined)[],
): OptionsOf<D> {
  return {
    ...readFlags(programDefinition.flags, command),
    ...readFlags(definition.flags ?? {}, command),
    ...argumentValues(definition, words),
  } as OptionsOf<D>;
}

/** Registers one wired definition under `parent` (which passes on its settings). */
export function register(
  parent: Command,
  wired: Wired,
  ctx: Context,
  options: { isDefault?: boolean } = {},
): Command {
  const { definition } = wired;
  const command = parent
    .command(definition.name, {
      isDefault: options.isDefault === true,
      hidden: definition.hidden === true,
    })
    .description(definition.description);
  for (const spec of definition.arguments ?? []) {
    command.argument(argumentSyntax(spec), spec.description);
  }
  addFlags(command, definition.flags);
  const arity = definition.arguments?.length ?? 0;
  command.action(async (...params: unknown[]) => {
    const words = params.slice(0, arity) as (string | string[] | undefined)[];
    await wired.run(ctx, optionsFrom(definition, command, words));
  });
  return command;
}

export function registerGroup(parent: Command, wired: WiredGroup, ctx: Context): Command {
  const command = parent.command(wired.group.name).description(wired.group.description);
  for (const sub of wired.commands) {
    register(command, sub, ctx, { isDefault: sub.definition.name === wired.group.default });
  }
  return command;
}
