// `oncall drill <runbook>`: a table-top practice run. It is a real incident
// log (so the walk, resume and timeline all work), but every event is marked
// drill and no command is executed: the responder says what they would expect.

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { nextUpdateDue } from '../../domain/incident/cadence.js';
import type { Severity } from '../../domain/incident/events.js';
import { redactorFor } from '../../domain/redact/redact.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { println } from '../../infra/console/output.js';
import {
  createIncident,
  type IncidentRef,
  incidentIdFor,
  readActiveId,
  refOf,
  setActiveId,
} from '../../infra/store/incidents.js';
import { attachRunbook, canAsk } from '../../terminal/walk/begin.js';
import { homeOf, loadIncidentAt } from '../../use-cases/journal/load.js';
import { stamp } from '../../use-cases/journal/record.js';
import type { OptionsOf } from '../definition/program.js';
import type { drillCommand } from './definition.js';

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
    const { state } = loadIncidentAt(ctx, refOf(home, active), { quiet: true });
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
  // Redacted before the id is made of it, as a start's title is: the id is never rewritten.
  const redactor = redactorFor(config, ctx.env);
  const title = redactor.text(options.title?.trim() || `Drill: ${runbook.title}`);
  const severity = severityOf(options, runbook);
  const service = runbook.services[0];
  const home = homeOf(ctx);
  return createIncident(home, incidentIdFor(title, now), (id) => [
    stamp(
      ctx,
      refOf(home, id),
      {
        type: 'incident.opened',
        title,
        severity,
        ...(service ? { service } : {}),
        nextUpdateDue: nextUpdateDue(config.severities, severity, now),
      },
      { now, drill: true, redactor },
    ),
  ]);
}

export async function drill(ctx: Context, options: DrillOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const { findRunbook } = await import('../../infra/runbooks/find.js');
  const runbook = findRunbook(config, options.runbook, ctx.cwd);
  if (options.dryRun) {
    const { printDryRun } = await import('../../terminal/walk/dry-run.js');
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

  const { walkRunbook } = await import('../../terminal/walk/loop.js');
  const outcome = await walkRunbook(ctx, config, ref, runbook, { drill: true });
  if (outcome === 'finished') {
    const { endDrill } = await import('../../terminal/walk/drill-end.js');
    endDrill(ctx, ref);
  }
}
