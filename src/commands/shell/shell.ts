// `oncall shell`: starts the responder's shell in a terminal oncall owns, and
// says what was kept when it ends; exits with the shell's own exit code.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError } from '../../errors.js';
import { runShell } from '../../use-cases/capture/shell.js';
import type { OptionsOf } from '../definition/program.js';
import type { shellCommand } from './definition.js';

export async function shell(ctx: Context, options: OptionsOf<typeof shellCommand>): Promise<void> {
  const session = await runShell(ctx, options);
  const n = session.recorded;
  ctx.stderr.write(
    `oncall: back from the ${safeLine(session.incident)} shell: ${n} command${n === 1 ? '' : 's'} recorded; the session is in ${safeLine(session.cast)}\n`,
  );
  if (session.exitCode !== 0) throw new OncallError('', session.exitCode);
}
