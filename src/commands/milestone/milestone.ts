// `oncall mitigate` / `oncall resolve`: the milestones the metrics are computed from.
import type { Context } from '../../context.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import { parseWhen } from '../../domain/incident/when.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { println, warn } from '../../infra/console/output.js';
import { askConfirm } from '../../terminal/ui/prompts.js';
import { endCaptures } from '../../use-cases/capture/capture.js';
import { type LoadedIncident, loadIncident } from '../../use-cases/journal/load.js';
import { recordMilestone } from '../../use-cases/publish/alerts.js';
import { postStateUpdate } from '../../use-cases/publish/state-update.js';
import {
  expireSilences,
  holdingSilences,
  stopSilenceWarnings,
} from '../../use-cases/silence/silence.js';
import type { OptionsOf } from '../definition/program.js';
import type { mitigateCommand, resolveCommand } from './definition.js';

/** Both commands take the same flags (resolve one more); the wiring says which milestone it is. */
type MilestoneOptions = OptionsOf<typeof mitigateCommand> &
  Partial<OptionsOf<typeof resolveCommand>> & {
    milestone: 'mitigate' | 'resolve';
  };

/**
 * The incident's silences that still hold, at its resolve: ended with
 * --expire-silences, asked about on a terminal, else said how to end them.
 * A silence that cannot be ended is a line, not a failed resolve.
 */
async function silencesAtResolve(
  ctx: Context,
  loaded: LoadedIncident,
  expire: boolean,
): Promise<void> {
  stopSilenceWarnings(loaded);
  const holding = holdingSilences(loaded, ctx.now());
  if (!holding.length || loaded.state.drill) return;
  const count = holding.length === 1 ? 'silence' : `${holding.length} silences`;
  const end =
    expire ||
    (ctx.interactive &&
      (await askConfirm(ctx, {
        flag: '--expire-silences',
        message: `End the incident's ${count} now? If the alert still fires, it pages again.`,
        default: true,
      })));
  if (!end) {
    const last =
      holding
        .map((s) => s.endsAt)
        .sort()
        .at(-1) ?? '';
    println(
      ctx,
      `The ${count} ${holding.length === 1 ? 'holds' : 'hold'} until ${localClock(last, ctx.env.TZ)}; \`oncall silence --expire\` ends ${holding.length === 1 ? 'it' : 'them'}.`,
    );
    return;
  }
  const config = await loadConfig(ctx.cwd, ctx.env);
  const { lines } = await expireSilences(ctx, config, loaded);
  for (const line of lines) ctx.stderr.write(`${safeLine(line)}\n`);
}

/**
 * After a mitigation, the room wants to hear that it holds: when the next
 * update is due, and the command that sends it.
 */
function nextUpdateLine(due: string | null | undefined, now: Date, tz: string | undefined): string {
  const send = '`oncall update "what you are watching"`';
  if (!due) return `Next: tell stakeholders it holds with ${send}.`;
  const late = due < now.toISOString() ? ' (overdue)' : '';
  return `Next status update due by ${localClock(due, tz)}${late}: ${send}.`;
}

export async function milestoneCommand(ctx: Context, options: MilestoneOptions): Promise<void> {
  const config = await loadConfig(ctx.cwd, ctx.env);
  const loaded = loadIncident(ctx, options);
  const { state } = loaded;
  const now = ctx.now();
  const tz = ctx.env.TZ;
  const typed = options.at ? parseWhen(options.at, { now, flag: '--at', tz }) : undefined;
  if (typed?.notice) warn(ctx, typed.notice);
  const when = typed?.at ?? now;
  if (when.toISOString() < state.startedAt) {
    throw new UsageError(
      `--at ${options.at}: that is before the incident started (${state.startedAt})`,
    );
  }
  const summary = options.summary.join(' ').trim();
  const base = {
    ...(summary ? { summary } : {}),
    ...(options.at ? { ts: when.toISOString() } : {}),
  };
  const since = formatDuration(when.getTime() - new Date(state.startedAt).getTime());
  if (options.milestone === 'mitigate') {
    if (state.mitigatedAt) {
      println(ctx, `Already mitigated at ${localClock(state.mitigatedAt, tz)}; nothing recorded.`);
      return;
    }
    const sent = await recordMilestone(ctx, loaded, { type: 'incident.mitigated', ...base });
    const posted = await postStateUpdate(ctx, config, options, { kind: 'mitigate', summary });
    println(
      ctx,
      `Mitigated at ${localClock(when, tz)}, ${since} after the start. Keep watching; \`oncall resolve\` when it is over.`,
    );
    for (const line of [...sent, ...posted.lines]) ctx.stderr.write(`${safeLine(line)}\n`);
    println(
      ctx,
      nextUpdateLine(posted.due === undefined ? state.nextUpdateDue : posted.due, now, tz),
    );
    return;
  }
  if (state.status === 'resolved') {
    println(
      ctx,
      `Already resolved at ${localClock(state.resolvedAt ?? now, tz)}; nothing recorded.`,
    );
    return;
  }
  const sent = await recordMilestone(ctx, loaded, { type: 'incident.resolved', ...base });
  const posted = await postStateUpdate(ctx, config, options, { kind: 'resolve', summary });
  println(ctx, `Resolved at ${localClock(when, tz)}, ${since} after the start.`);
  for (const line of [...sent, ...posted.lines]) ctx.stderr.write(`${safeLine(line)}\n`);
  // Nothing is recorded from a shell once the incident is over.
  const ended = endCaptures(ctx, loaded.ref.id);
  if (ended) println(ctx, `Stopped recording ${ended} terminal${ended === 1 ? '' : 's'}.`);
  await silencesAtResolve(ctx, loaded, options.expireSilences === true);
  if (!state.mitigatedAt)
    println(ctx, 'No mitigation time was recorded; the postmortem will flag it.');
  println(ctx, 'Next: `oncall postmortem` for the draft.');
}
