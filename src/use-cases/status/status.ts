// The status model of an incident (domain/status/status.ts) with what only the
// disk knows: where the walk of the attached runbook stands (its file read
// again) and whether this laptop's events reached the team (share.json).
// `oncall status` and bare `oncall` both start here.
import { actorOf, type Context } from '../../context.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { type ShareSummary, type StatusModel, statusModel } from '../../domain/status/status.js';
import { eventsNotShared, readShareState } from '../../infra/share/share-state.js';
import { homeOf, type LoadedIncident } from '../journal/load.js';

/**
 * Where the walk stands ("at step 4 of 12, Roll back the deploy"), when the
 * attached runbook can still be read; otherwise the text falls back to counts.
 */
async function walkProgress(
  state: IncidentState,
  events: readonly OncallEvent[],
  home: string,
): Promise<string | undefined> {
  if (!state.runbook) return undefined;
  // Loaded only when a runbook is attached: the walk's modules are not small.
  const { attachedWalk } = await import('../walk/attached.js');
  const { progress, summarize } = await import('../../domain/walk/machine.js');
  const { stepById } = await import('../../domain/runbook/steps.js');
  const walk = await attachedWalk(state, events, home);
  if (!walk) return undefined;
  const { n, total } = progress(walk);
  const title = `${state.runbook.title} (${state.runbook.id})`;
  const { done, skipped } = summarize(walk);
  const tally = `${done} done, ${skipped.length} skipped`;
  if (walk.finished || walk.current === undefined) return `${title}: finished; ${tally}`;
  const step = stepById(walk.runbook, walk.current);
  const paused = walk.paused ? '; paused, continue with `oncall resume`' : '';
  return `${title}: at step ${n} of ${total}, ${step?.title ?? walk.current}; ${tally}${paused}`;
}

/** Where sharing stands for the incident, if it is shared. */
function shareOf(dir: string, log: string): ShareSummary | undefined {
  const shared = readShareState(dir);
  if (!shared) return undefined;
  return {
    remote: shared.remote,
    branch: shared.branch,
    ...(shared.lastSyncedAt ? { lastSyncedAt: shared.lastSyncedAt } : {}),
    notYetShared: eventsNotShared(log, shared),
    ...(shared.lastError ? { lastError: shared.lastError } : {}),
    ...(shared.retry
      ? {
          retry: {
            attempt: shared.retry.attempt,
            nextAt: shared.retry.nextAt,
            message: shared.retry.message,
          },
        }
      : {}),
    ...(shared.clocks && Object.keys(shared.clocks).length ? { clocks: shared.clocks } : {}),
  };
}

/** Everything status knows about the loaded incident, as of now, for this responder. */
export async function statusOf(ctx: Context, loaded: LoadedIncident): Promise<StatusModel> {
  const { ref, state, events } = loaded;
  const walk = await walkProgress(state, events, homeOf(ctx));
  const share = shareOf(ref.dir, ref.file);
  return statusModel(state, events, {
    now: ctx.now(),
    tz: ctx.env.TZ,
    sender: actorOf(ctx.env),
    ...(walk !== undefined ? { walk } : {}),
    ...(share ? { share } : {}),
  });
}
