// `oncall use <id>`: choose the incident that `oncall note` and friends write to.
import type { Context } from '../../context.js';
import { println } from '../../infra/console/output.js';
import { resolveIncident, setActiveId } from '../../infra/store/incidents.js';
import { homeOf, loadIncidentAt } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { useCommand } from './definition.js';

type UseOptions = OptionsOf<typeof useCommand>;

export async function use(ctx: Context, options: UseOptions): Promise<void> {
  const home = homeOf(ctx);
  const ref = resolveIncident(home, options.id, 'use');
  // An incident no reading command can read is not made the one notes go to:
  // refused now, in the reading commands' words, before a night of notes lands there.
  loadIncidentAt(ctx, ref, { quiet: true });
  setActiveId(home, ref.id);
  println(ctx, `Active incident: ${ref.id}`);
}
