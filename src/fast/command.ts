// The everyday commands without commander. Each has a bundle of its own
// (build.mjs), run by src/main.ts from V8's code cache as the note is: no
// commander (a quarter of Node's startup), no ESM loader, no chunks to
// resolve, nothing compiled twice. The words are read with node's parseArgs
// from the same definition commander registers (commands/definition/), and
// the same hooks run around the command (hooks.ts). Anything parseArgs does not
// take as commander would (a typo, `--help`, a missing argument) is left to
// commander: main.ts loads the full CLI, which answers in its own words.
// Nothing has run by then, so the command runs once, whichever way.
import type { CommandDefinition } from '../commands/definition/define.js';
import { optionsFromArgv, parseArgv } from '../commands/definition/parse-args.js';
import type { OptionsOf } from '../commands/definition/program.js';
import { type Context, processContext } from '../context.js';
import { safeLine } from '../domain/text/terminal-safe.js';
import { OncallError } from '../errors.js';
import { nudgeOutboxBefore, offeringHandoff } from '../hooks.js';

/** A fast bundle's entry: false when commander must take these words instead. */
type FastMain = (argv: string[]) => Promise<boolean>;

/** Thrown before anything is written, by a command that needs commander after all. */
export class NeedsCommander extends Error {}

/** The options these words give, as commander would give them; undefined for commander to answer. */
export function fastOptions<D extends CommandDefinition>(
  definition: D,
  args: string[],
): OptionsOf<D> | undefined {
  try {
    const parsed = parseArgv(definition, args);
    const required = (definition.arguments ?? []).filter((spec) => spec.required).length;
    if (parsed.positionals.length < required) return undefined;
    return optionsFromArgv(definition, parsed);
  } catch {
    return undefined;
  }
}

/** The entry of the bundle of `definition`'s command: `oncall <name> ...` runs `run`. */
export function fastCommand<const D extends CommandDefinition>(
  definition: D,
  run: (ctx: Context, options: OptionsOf<D>) => Promise<void>,
): FastMain {
  const withOffer = offeringHandoff(definition.name, run);
  return async (argv) => {
    const args = definition.name === 'oncall' ? argv.slice(2) : argv.slice(3);
    const options = fastOptions(definition, args);
    if (!options) return false;
    const ctx = processContext();
    try {
      await nudgeOutboxBefore(ctx, [definition.name], options.incident);
      await withOffer(ctx, options);
    } catch (error) {
      if (error instanceof NeedsCommander) return false;
      // As the full CLI (cli.ts runCli) words it.
      if (!(error instanceof OncallError)) throw error;
      if (error.message) ctx.stderr.write(`oncall: ${safeLine(error.message)}\n`);
      process.exitCode = error.exitCode;
    }
    return true;
  };
}
