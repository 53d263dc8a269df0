// `oncall resume`: continue the walk-through exactly where it stopped. The
// position comes from the incident's events only (never a hidden temp file),
// so it survives Ctrl-C, a crash, a closed laptop, or another terminal.
import type { Context } from '../../context.js';
import { loadConfig } from '../../infra/config/load.js';
import { continueWalk } from '../../terminal/walk/continue.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { resumeCommand } from './definition.js';

type ResumeOptions = OptionsOf<typeof resumeCommand>;

export async function resume(ctx: Context, options: ResumeOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  await continueWalk(ctx, config, loadIncident(ctx, options));
}
