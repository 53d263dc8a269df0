// A second `oncall start` while the active incident is still open: a new
// incident only when the responder says so. On a terminal they are asked
// whether to work on the open one or open another; without one, `--new` says it.
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { localClock } from '../../domain/incident/time.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import { readActiveId } from '../../infra/store/incidents.js';
import { askChoice } from '../../terminal/ui/prompts.js';
import { homeOf, type LoadedIncident, loadIncident } from '../../use-cases/journal/load.js';
import type { StartOptions } from './declaration.js';

/** The active incident, when it is still open (not resolved); undefined when there is none. */
function openIncident(ctx: Context): LoadedIncident | undefined {
  const id = readActiveId(homeOf(ctx));
  if (!id) return undefined;
  try {
    const loaded = loadIncident(ctx, { incident: id }, { quiet: true });
    return loaded.state.status === 'resolved' ? undefined : loaded;
  } catch {
    // A pointer to an incident that cannot be read is no incident to work on.
    return undefined;
  }
}

/**
 * True when start has nothing more to do: the responder chose to work on the
 * incident still open (its walk taken up where it stopped). False when a new
 * incident is to be opened: none is open, or the responder chose a new one.
 */
export async function openAlready(
  ctx: Context,
  config: ResolvedConfig,
  options: StartOptions,
): Promise<boolean> {
  const loaded = openIncident(ctx);
  if (!loaded) return false;
  const { ref, state } = loaded;
  const tz = ctx.env.TZ;
  const what = `${ref.id} is still open (${state.severity} · ${safeLine(state.title)}, declared ${localClock(state.acknowledgedAt, tz)})`;
  if (options.input === false || !ctx.interactive) {
    throw new UsageError(
      `${what}: \`oncall start --new …\` opens another incident; \`oncall resume\` takes this one up, \`oncall resolve\` ends it`,
    );
  }
  const choice = await askChoice(ctx, {
    flag: '--new',
    message: `${what}. Work on the open one, or open a new incident?`,
    choices: [
      { value: 'open', name: `Work on ${ref.id}` },
      { value: 'new', name: 'Open a new incident' },
    ],
  });
  if (choice === 'new') return false;
  println(ctx, `Working on ${ref.id}: notes go there.`);
  if (!state.runbook) {
    println(
      ctx,
      'No runbook is attached: `oncall note` what you see; `oncall status` for the clock.',
    );
    return true;
  }
  const { continueWalk } = await import('../../terminal/walk/continue.js');
  await continueWalk(ctx, config, loaded);
  return true;
}
