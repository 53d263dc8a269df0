// `oncall hook <shell>`: prints the hook for the shell's rc file, with this
// user's capture folder written in. Run at every shell start, so it reads no
// config and touches no incident.
import type { Context } from '../../context.js';
import { hookText } from '../../infra/capture/hooks.js';
import { captureDir } from '../../infra/capture/sessions.js';
import type { OptionsOf } from '../definition/program.js';
import type { hookCommand } from './definition.js';

export async function hook(ctx: Context, options: OptionsOf<typeof hookCommand>): Promise<void> {
  ctx.stdout.write(hookText(options.shell, captureDir(ctx.env)));
}
