// `oncall status`: where we are, in a glance. Everything is derived from the
// log: one model (use-cases/status), told as text or as JSON.
import type { Context } from '../../context.js';
import { takeFailed } from '../../infra/delivery/outbox-files.js';
import { printLines, streamJson } from '../../terminal/ui/stream.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import { statusOf } from '../../use-cases/status/status.js';
import type { OptionsOf } from '../definition/program.js';
import { statusText } from '../shared/status-text.js';
import type { statusCommand } from './definition.js';
import { statusJson } from './status-json.js';

type StatusOptions = OptionsOf<typeof statusCommand>;

export async function status(ctx: Context, options: StatusOptions): Promise<void> {
  const loaded = loadIncident(ctx, options);
  takeFailed(loaded.ref.dir); // the status shows failed deliveries: they have been told
  const model = await statusOf(ctx, loaded);
  if (options.json) return streamJson(ctx, statusJson(model));
  const lines = statusText(model);
  // Fitted to a terminal only. Piped or written to a file, lines stay whole, and
  // the wrapping code (whose Unicode tables cost tens of milliseconds to load) is not loaded.
  if (!ctx.stdout.isTTY) return printLines(ctx, lines);
  const { printFitted } = await import('../../terminal/ui/fitted.js');
  for (const line of lines) printFitted(ctx, line);
}
