// Taking up the walk of an incident's attached runbook where it stopped: for
// `oncall resume`, and for a second `oncall start` that chose to work on the
// incident still open. The position comes from the events only.
import { existsSync } from 'node:fs';
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { localClock } from '../../domain/incident/time.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import type { LoadedIncident } from '../../use-cases/journal/load.js';
import { nextAfterWalk } from './screen.js';

/** Walks on from where the walk stopped; says so when it had finished. */
export async function continueWalk(
  ctx: Context,
  config: ResolvedConfig,
  { ref, events, state }: LoadedIncident,
): Promise<void> {
  const attached = state.runbook;
  if (!attached) {
    throw new UsageError(
      `${ref.id} has no runbook to resume; record steps with \`oncall note\`, or start one with \`oncall start <runbook>\``,
    );
  }
  const finished = [...events].reverse().find((e) => e.type === 'walk.finished');
  const lastAttach = events.findLastIndex((e) => e.type === 'runbook.attached');
  if (finished && events.indexOf(finished) > lastAttach) {
    println(
      ctx,
      `The walk of ${safeLine(attached.title)} finished at ${localClock(finished.ts, ctx.env.TZ)}. Nothing to resume.`,
    );
    println(ctx, `Next: ${nextAfterWalk(state.status)}`);
    return;
  }
  if (!ctx.interactive) {
    throw new UsageError(
      'no terminal to walk on: run `oncall resume` in a terminal, or record steps with `oncall note`',
    );
  }
  const runbook = await reload(ctx, config, attached);
  const { walkRunbook } = await import('./loop.js');
  const outcome = await walkRunbook(ctx, config, ref, runbook, { drill: state.drill });
  if (outcome === 'finished' && state.drill) {
    const { endDrill } = await import('./drill-end.js');
    endDrill(ctx, ref);
  }
}

/** The runbook as attached: by its file, else by id if the file moved. */
async function reload(
  ctx: Context,
  config: ResolvedConfig,
  attached: { id: string; file: string },
): Promise<Runbook> {
  const { loadRunbook } = await import('../../infra/runbooks/load.js');
  if (existsSync(attached.file)) return loadRunbook(attached.file);
  const { findRunbook } = await import('../../infra/runbooks/find.js');
  try {
    const runbook = findRunbook(config, attached.id, ctx.cwd);
    println(
      ctx,
      safeLine(`${attached.file} is gone; using runbook ${attached.id} from ${runbook.file}.`),
    );
    return runbook;
  } catch {
    throw new UsageError(
      `${attached.file}: the attached runbook is gone and no runbook "${attached.id}" was found; restore the file to resume`,
    );
  }
}
