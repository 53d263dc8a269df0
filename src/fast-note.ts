// `oncall note` without commander: node's own parseArgs, the same flags as the
// `note` command in cli.ts (a test checks they agree), the same error handling.
import { parseArgs } from 'node:util';
import { note } from './commands/note.js';
import { processContext } from './context.js';
import { OncallError } from './errors.js';

export const NOTE_FLAGS = {
  kind: { type: 'string', short: 'k' },
  at: { type: 'string' },
  incident: { type: 'string' },
  action: { type: 'boolean' },
  finding: { type: 'boolean' },
  hypothesis: { type: 'boolean' },
  'ruled-out': { type: 'boolean' },
  decision: { type: 'boolean' },
} as const;

export async function main(argv: string[]): Promise<void> {
  const ctx = processContext();
  try {
    let parsed: ReturnType<
      typeof parseArgs<{ options: typeof NOTE_FLAGS; allowPositionals: true }>
    >;
    try {
      parsed = parseArgs({ args: argv.slice(3), options: NOTE_FLAGS, allowPositionals: true });
    } catch (error) {
      throw new OncallError(`${(error as Error).message}. See \`oncall note --help\`.`, 2);
    }
    const { values, positionals } = parsed;
    if (positionals.length === 0) {
      throw new OncallError('missing required argument \'text\': oncall note "what happened"', 2);
    }
    await note(ctx, {
      text: positionals,
      kind: values.kind,
      at: values.at,
      incident: values.incident,
      action: values.action,
      finding: values.finding,
      hypothesis: values.hypothesis,
      ruledOut: values['ruled-out'],
      decision: values.decision,
    });
  } catch (error) {
    if (!(error instanceof OncallError)) throw error;
    if (error.message) ctx.stderr.write(`oncall: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}
