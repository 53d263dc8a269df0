// The end of a drill's walk: a short debrief, then the drill is closed, so a
// practice run never lingers as an open incident.
import type { Context } from '../../context.js';
import { formatDuration } from '../../domain/incident/time.js';
import { summarizeSteps, walkRecord } from '../../domain/incident/walk.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { println } from '../../infra/console/output.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { loadIncidentAt } from '../../use-cases/journal/load.js';
import { record } from '../../use-cases/journal/record.js';

/** The short debrief, then the drill is closed so it does not linger as open. */
export function endDrill(ctx: Context, ref: IncidentRef): void {
  // The walk has warned about damaged lines already.
  const { events, state } = loadIncidentAt(ctx, ref, { quiet: true });
  const took = formatDuration(ctx.now().getTime() - new Date(state.acknowledgedAt).getTime());
  // The walk's own tally: the same counts as the line the walk ended with.
  const walk = summarizeSteps(walkRecord(events));
  println(ctx);
  println(ctx, `Drill summary (${took}):`);
  println(ctx, `- ${walk.done} steps done, ${walk.skipped.length} skipped`);
  for (const s of walk.skipped) println(ctx, safeLine(`  - skipped ${s.stepId}: ${s.reason}`));
  for (const d of walk.decisions) println(ctx, safeLine(`- decided at ${d.stepId}: ${d.choice}`));
  if (state.escalations.length) {
    println(ctx, safeLine(`- escalated to ${state.escalations.map((e) => e.to).join(', ')}`));
  }
  println(ctx, `- notes: ${state.notes.length}`);
  record(ctx, ref, [{ type: 'incident.resolved', summary: `Drill finished in ${took}` }], {
    drill: true,
  });
  println(ctx, `Closed. The timeline: \`oncall timeline --incident ${ref.id}\``);
}
