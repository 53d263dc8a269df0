// `oncall status`: where we are, in a glance. Everything is derived from the log.
import chalk from 'chalk';
import { actorOf, type Context } from '../context.js';
import { failed as failedItems, foldOutbox, waiting, waitingLine } from '../deliver/outbox.js';
import { failedLine } from '../deliver/report.js';
import { overdueLine } from '../incident/cadence.js';
import type { OncallEvent } from '../incident/events.js';
import type { IncidentState } from '../incident/fold.js';
import { formatDuration, localClock } from '../incident/time.js';
import { summarizeSteps, walkRecord } from '../incident/walk.js';
import { loadIncident } from '../services/journal.js';
import { takeFailed } from '../store/outbox-files.js';
import { eventsNotShared, readShareState } from '../store/share-state.js';
import { safeLine, safeStrings } from '../text/terminal-safe.js';
import { printFitted } from '../ui/fitted.js';
import { printJson } from '../ui/output.js';
import type { OptionsOf } from './definitions/program.js';
import type { statusCommand } from './definitions/status.js';
import { type ShareSummary, shareSummary, teamLines } from './status-team.js';

type StatusOptions = OptionsOf<typeof statusCommand>;

/** Steps the walk has dealt with (done, skipped or decided), from the events alone. */
function stepsHandled(events: readonly OncallEvent[]): number {
  const { done, skipped } = summarizeSteps(walkRecord(events));
  return done + skipped.length;
}

/**
 * The status at `now`, its clock times in the zone `tz` (the process's own when
 * undefined). Every text from the log is made safe before it is coloured.
 */
export function statusLines(
  incident: IncidentState,
  events: readonly OncallEvent[],
  now: Date,
  tz: string | undefined,
  walk?: string,
  /** Whose outbox to show: this responder's (a peer's messages are theirs to send). */
  sender?: string,
): string[] {
  const state = safeStrings(incident);
  const timeOfDay = (iso: string) => localClock(iso, tz);
  const clock = formatDuration(now.getTime() - new Date(state.startedAt).getTime());
  const statusColour =
    state.status === 'resolved'
      ? chalk.green
      : state.status === 'mitigated'
        ? chalk.cyan
        : chalk.yellow;
  const lines = [
    `${chalk.bold(state.title)}  ${chalk.dim(state.id)}${state.drill ? chalk.magenta('  [drill]') : ''}`,
    `${state.severity} · ${statusColour(state.status)} · ${clock} since start (${timeOfDay(state.startedAt)}) · commander ${state.commander}`,
  ];
  if (state.service) lines.push(`Service: ${state.service}`);
  lines.push(
    `Impact: ${state.impact ?? chalk.dim('not recorded yet (oncall start --impact, or a note)')}`,
  );
  const milestones = [
    `acknowledged ${timeOfDay(state.acknowledgedAt)}`,
    state.mitigatedAt ? `mitigated ${timeOfDay(state.mitigatedAt)}` : undefined,
    state.resolvedAt ? `resolved ${timeOfDay(state.resolvedAt)}` : undefined,
  ].filter(Boolean);
  lines.push(`Milestones: ${milestones.join(', ')}`);
  if (state.runbook) {
    const counts = `${state.runbook.title} (${state.runbook.id}), ${stepsHandled(events)} steps handled`;
    lines.push(`Runbook: ${walk === undefined ? counts : safeLine(walk)}`);
  }
  const last = state.lastUpdateAt
    ? `last update ${timeOfDay(state.lastUpdateAt)}`
    : 'no update sent yet';
  const next =
    state.status === 'resolved'
      ? 'no more due'
      : state.nextUpdateDue
        ? `next due by ${timeOfDay(state.nextUpdateDue)}`
        : 'no cadence at this severity';
  lines.push(`Updates: ${last}; ${next}`);
  const overdue = state.status === 'resolved' ? undefined : overdueLine(state.nextUpdateDue, now);
  if (overdue) lines.push(chalk.yellow(`! ${overdue}`));
  const outbox = foldOutbox(events, sender);
  const waits = waiting(outbox).length;
  if (waits) lines.push(chalk.yellow(`! ${waitingLine(waits)}: \`oncall outbox\` shows it`));
  for (const item of failedItems(outbox)) lines.push(chalk.red(`✗ ${safeLine(failedLine(item))}`));
  if (state.openHypotheses.length) {
    lines.push('Open hypotheses:');
    for (const h of state.openHypotheses)
      lines.push(`  - ${h.text} ${chalk.dim(`(${timeOfDay(h.ts)})`)}`);
  }
  if (state.ruledOut.length) {
    lines.push(`Ruled out: ${state.ruledOut.map((r) => r.text).join('; ')}`);
  }
  const failed = state.commands.filter((c) => c.exitCode !== undefined && c.exitCode !== 0);
  lines.push(
    `Commands: ${state.commands.length} run${failed.length ? `, ${failed.length} failed` : ''}; notes: ${state.notes.length}`,
  );
  return lines;
}

/**
 * Where the walk stands ("at step 4 of 12, Roll back the deploy"), when the
 * attached runbook can still be read; otherwise the caller falls back to counts.
 */
export async function walkProgress(
  state: IncidentState,
  events: readonly OncallEvent[],
): Promise<string | undefined> {
  if (!state.runbook) return undefined;
  const { attachedWalk } = await import('../walk/attached.js');
  const { progress, summarize } = await import('../walk/machine.js');
  const { stepById } = await import('../runbook/steps.js');
  const walk = attachedWalk(state, events);
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

/** Where sharing stands for the incident in `dir`, if it is shared. */
export function shareOf(dir: string, log: string): ShareSummary | undefined {
  const shared = readShareState(dir);
  return shared ? shareSummary(shared, eventsNotShared(log, shared)) : undefined;
}

export async function status(ctx: Context, options: StatusOptions): Promise<void> {
  const { ref, state, events } = loadIncident(ctx, options);
  takeFailed(ref.dir); // the status shows failed deliveries: they have been told
  const me = actorOf(ctx.env);
  const outbox = foldOutbox(events, me);
  const now = ctx.now();
  const walk = await walkProgress(state, events);
  const share = shareOf(ref.dir, ref.file);
  if (options.json) {
    printJson(ctx, {
      ...state,
      elapsedMs: now.getTime() - new Date(state.startedAt).getTime(),
      updateOverdue: state.status !== 'resolved' && Boolean(overdueLine(state.nextUpdateDue, now)),
      stepsHandled: stepsHandled(events),
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
  for (const line of statusLines(state, events, now, ctx.env.TZ, walk, me)) printFitted(ctx, line);
  for (const line of teamLines(state, events, now, ctx.env.TZ, share)) printFitted(ctx, line);
}
