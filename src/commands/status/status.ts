// `oncall status`: where we are, in a glance. Everything is derived from the log.
import { actorOf, type Context } from '../../context.js';
import { failed as failedItems, foldOutbox, waiting } from '../../domain/delivery/outbox.js';
import { overdueLine } from '../../domain/incident/cadence.js';
import { commandText } from '../../domain/render/describe.js';
import { takeFailed } from '../../infra/delivery/outbox-files.js';
import { printLines, streamJson } from '../../terminal/ui/stream.js';
import { homeOf, loadIncident } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import {
  shareOf,
  statusLines,
  stepsHandled,
  unfinished,
  walkProgress,
} from '../shared/status-lines.js';
import { teamLines } from '../shared/team.js';
import type { statusCommand } from './definition.js';

type StatusOptions = OptionsOf<typeof statusCommand>;

export async function status(ctx: Context, options: StatusOptions): Promise<void> {
  const { ref, state, events } = loadIncident(ctx, options);
  takeFailed(ref.dir); // the status shows failed deliveries: they have been told
  const me = actorOf(ctx.env);
  const outbox = foldOutbox(events, me);
  const now = ctx.now();
  const walk = await walkProgress(state, events, homeOf(ctx));
  const share = shareOf(ref.dir, ref.file);
  if (options.json) {
    await streamJson(ctx, {
      ...state,
      elapsedMs: now.getTime() - new Date(state.startedAt).getTime(),
      updateOverdue: state.status !== 'resolved' && Boolean(overdueLine(state.nextUpdateDue, now)),
      stepsHandled: stepsHandled(events),
      unfinishedCommands: unfinished(state).map((run) => ({
        runId: run.runId,
        command: commandText(run),
        startedAt: run.startedAt,
        runningForMs: Math.max(0, now.getTime() - Date.parse(run.startedAt)),
        actor: run.actor,
        ...(run.stepId ? { stepId: run.stepId } : {}),
      })),
      outbox: {
        waiting: waiting(outbox).length,
        failed: failedItems(outbox).map((item) => ({
          delivery: item.delivery,
          channel: item.channel,
          kind: item.kind,
          error: item.last?.error,
        })),
      },
      ...(walk ? { walk } : {}),
      ...(share ? { share } : {}),
    });
    return;
  }
  const lines = [
    ...statusLines(state, events, now, ctx.env.TZ, walk, me),
    ...teamLines(state, events, now, ctx.env.TZ, share),
  ];
  // Fitted to a terminal only. Piped or written to a file, lines stay whole, and
  // the wrapping code (whose Unicode tables cost tens of milliseconds to load) is not loaded.
  if (!ctx.stdout.isTTY) return printLines(ctx, lines);
  const { printFitted } = await import('../../terminal/ui/fitted.js');
  for (const line of lines) printFitted(ctx, line);
}
