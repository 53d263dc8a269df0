// `oncall hook <shell>`: prints the hook for the shell's rc file, with this
// user's capture folder written in. Run at every shell start, so it reads no
// config and touches no incident.
import type { Context } from '../../context.js';
import { CAPTURED_SHELLS, type CapturedShell } from '../../domain/capture/record.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { hookText } from '../../infra/capture/hooks.js';
import { captureDir } from '../../infra/capture/sessions.js';
import type { OptionsOf } from '../definition/program.js';
import type { hookCommand } from './definition.js';

const isCaptured = (name: string): name is CapturedShell =>
  (CAPTURED_SHELLS as readonly string[]).includes(name);

export async function hook(ctx: Context, options: OptionsOf<typeof hookCommand>): Promise<void> {
  if (!isCaptured(options.shell)) {
    throw new UsageError(
      `oncall hook ${safeLine(options.shell)}: there is a hook for ${CAPTURED_SHELLS.join(', ')}; e.g. eval "$(oncall hook bash)" in ~/.bashrc`,
    );
  }
  ctx.stdout.write(hookText(options.shell, captureDir(ctx.env)));
}
