// `oncall drill <runbook>`: a table-top practice run. It is a real incident
// log (so the walk, resume and timeline all work), but every event is marked
// drill and no command is executed: the responder says what they would expect.
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import { actorOf, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import { nextUpdateDue } from '../incident/cadence.js';
import type { Severity } from '../incident/events.js';
import { foldIncident } from '../incident/fold.js';
import { formatDuration } from '../incident/time.js';
import { summarizeSteps, walkRecord } from '../incident/walk.js';
import type { Runbook } from '../runbook/types.js';
import { homeOf, record } from '../services/journal.js';
import { readIncidentEvents } from '../store/all-logs.js';
import {
  createIncident,
  type IncidentRef,
  incidentIdFor,
  readActiveId,
  refOf,
  setActiveId,
} from '../store/incidents.js';
import { makeEvent, readLog } from '../store/log.js';
import { safeLine } from '../text/terminal-safe.js';
import { println } from '../ui/output.js';
import { attachRunbook, canAsk } from '../walk/begin.js';
import type { drillCommand } from './definitions/drill.js';
import type { OptionsOf } from './definitions/program.js';

type DrillOptions = OptionsOf<typeof drillCommand>;

function severityOf(options: DrillOptions, runbook: Runbook): Severity {
  return options.sev ?? runbook.severity ?? 'SEV3';
}

/** A real incident must stay the active one: a drill only takes over an idle pointer. */
function mayTakeActive(ctx: Context): boolean {
  const home = homeOf(ctx);
  const active = readActiveId(home);
  if (!active) return true;
  try {
    const state = foldIncident(readIncidentEvents(refOf(home, active)).events);
    return state.drill || state.status === 'resolved';
  } catch {
    return true;
  }
}

function openDrill(
  ctx: Context,
  config: ResolvedConfig,
  runbook: Runbook,
  options: DrillOptions,
): IncidentRef {
  const now = ctx.now();
  const title = options.title?.trim() || `Drill: ${runbook.title}`;
  const severity = severityOf(options, runbook);
  const service = runbook.services[0];
  const home = homeOf(ctx);
  const meta = { actor: actorOf(ctx.env), now, drill: true };
  return createIncident(home, incidentIdFor(title, now), (id) => [
    makeEvent(
      {
        type: 'incident.opened',
        title,
        severity,
        ...(service ? { service } : {}),
        nextUpdateDue: nextUpdateDue(config.severities, severity, now),
      },
      { ...meta, incident: id, lamport: 1 },
    ),
  ]);
}

export async function drill(ctx: Context, options: DrillOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const { findRunbook } = await import('../runbook/find.js');
  const runbook = findRunbook(config, options.runbook, ctx.cwd);
  if (options.dryRun) {
    const { printDryRun } = await import('../walk/dry-run.js');
    await printDryRun(ctx, runbook, {});
    return;
  }
  if (!canAsk(ctx, options)) {
    throw new UsageError(
      'a drill is a conversation and needs a terminal; use `oncall drill <runbook> --dry-run` to print the steps',
    );
  }
  const takeActive = mayTakeActive(ctx);
  const ref = openDrill(ctx, config, runbook, options);
  if (takeActive) setActiveId(homeOf(ctx), ref.id);
  attachRunbook(ctx, ref, runbook, { drill: true });
  println(ctx, `Drill ${ref.id} started. Nothing will be executed; every event is marked drill.`);
  if (!takeActive) println(ctx, 'Your active incident stays the active one.');

  const { walkRunbook } = await import('../walk/loop.js');
  const outcome = await walkRunbook(ctx, config, ref, runbook, { drill: true });
  if (outcome === 'finished') endDrill(ctx, ref);
}

/** The short debrief, then the drill is closed so it does not linger as open. */
export function endDrill(ctx: Context, ref: IncidentRef): void {
  const { events } = readLog(ref.file);
  const state = foldIncident(events);
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
