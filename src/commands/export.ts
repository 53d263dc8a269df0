// `oncall export --json`: the whole incident as one document, for tools and archives.
import type { Context } from '../context.js';
import { byTime } from '../incident/fold.js';
import { type IncidentOptions, loadIncident } from '../services/journal.js';
import { printJson } from '../ui/output.js';

export async function exportIncident(ctx: Context, options: IncidentOptions): Promise<void> {
  const { state, events } = loadIncident(ctx, options);
  printJson(ctx, { incident: state, events: byTime(events) });
}
