// `oncall note` without commander: node's own parseArgs, mapped from the same
// definition commander registers (commands/definitions/note.ts), with the same
// error handling.

import { optionsFromArgv, parseArgv } from './commands/definition/parse-args.js';
import { missingIn } from './commands/definition/typos.js';
import { noteCommand } from './commands/note/definition.js';
import { type NoteOptions, note } from './commands/note/note.js';
import { processContext } from './context.js';
import { safeLine } from './domain/text/terminal-safe.js';
import { OncallError, UsageError } from './errors.js';

/** The words after `oncall note`, as the note command's options. */
export function noteOptions(args: string[]): NoteOptions {
  const parsed = parseArgv(noteCommand, args);
  if (parsed.positionals.length === 0) {
    throw new UsageError(missingIn(noteCommand, ['note'], args) ?? 'oncall note "what happened"');
  }
  return optionsFromArgv(noteCommand, parsed);
}

export async function main(argv: string[]): Promise<void> {
  const ctx = processContext({ direct: true });
  try {
    await note(ctx, noteOptions(argv.slice(3)));
  } catch (error) {
    if (!(error instanceof OncallError)) throw error;
    if (error.message) ctx.stderr.write(`oncall: ${safeLine(error.message)}\n`);
    process.exitCode = error.exitCode;
  }
}
