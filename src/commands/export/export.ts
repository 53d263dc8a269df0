// `oncall export --json`: the whole incident as one document, for tools and archives.
import type { Context } from '../../context.js';
import { asData } from '../../domain/incident/provenance.js';
import { byTime } from '../../domain/incident/told.js';
import { streamJson } from '../../terminal/ui/stream.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { exportCommand } from './definition.js';

/** `--json` changes nothing: JSON is the only format. */
type ExportOptions = OptionsOf<typeof exportCommand>;

export async function exportIncident(ctx: Context, options: ExportOptions): Promise<void> {
  const { state, events } = loadIncident(ctx, options, { whole: true });
  // Written as it is made: a night's export is tens of megabytes.
  await streamJson(ctx, { incident: state, events: asData(byTime(events)) });
}
