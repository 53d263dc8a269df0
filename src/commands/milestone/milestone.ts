// `oncall mitigate` / `oncall resolve`: the milestones the metrics are computed from.
import type { Context } from '../../context.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import { parseWhen } from '../../domain/incident/when.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { println, warn } from '../../infra/console/output.js';
import { endCaptures } from '../../use-cases/capture/capture.js';
import { loadIncident } from '../../use-cases/journal/load.js';
import { recordMilestone } from '../../use-cases/publish/alerts.js';
import type { OptionsOf } from '../definition/program.js';
import type { mitigateCommand, resolveCommand } from './definition.js';

/** Both commands take the same flags; the wiring says which milestone it is. */
type MilestoneOptions = (OptionsOf<typeof mitigateCommand> & OptionsOf<typeof resolveCommand>) & {
  milestone: 'mitigate' | 'resolve';
};

export async function milestoneCommand(ctx: Context, options: MilestoneOptions): Promise<void> {
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
    println(
      ctx,
      `Mitigated at ${localClock(when, tz)}, ${since} after the start. Keep watching; \`oncall resolve\` when it is over.`,
    );
    for (const line of sent) ctx.stderr.write(`${safeLine(line)}\n`);
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
  println(ctx, `Resolved at ${localClock(when, tz)}, ${since} after the start.`);
  for (const line of sent) ctx.stderr.write(`${safeLine(line)}\n`);
  // Nothing is recorded from a shell once the incident is over.
  const ended = endCaptures(ctx, loaded.ref.id);
  if (ended) println(ctx, `Stopped recording ${ended} terminal${ended === 1 ? '' : 's'}.`);
  if (!state.mitigatedAt)
    println(ctx, 'No mitigation time was recorded; the postmortem will flag it.');
  println(ctx, 'Next: `oncall postmortem` for the draft.');
}
