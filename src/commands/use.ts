// `oncall use <id>`: choose the incident that `oncall note` and friends write to.
import type { Context } from '../context.js';
import { homeOf } from '../services/journal.js';
import { resolveIncident, setActiveId } from '../store/incidents.js';
import { println } from '../ui/output.js';
import type { OptionsOf } from './definitions/program.js';
import type { useCommand } from './definitions/use.js';

type UseOptions = OptionsOf<typeof useCommand>;

export async function use(ctx: Context, options: UseOptions): Promise<void> {
  const home = homeOf(ctx);
  const ref = resolveIncident(home, options.id);
  setActiveId(home, ref.id);
  println(ctx, `Active incident: ${ref.id}`);
}
