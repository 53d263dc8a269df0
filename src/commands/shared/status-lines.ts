// The lines of `oncall status`, shared with bare `oncall`: where we are, in a glance.
// Everything is derived from the log.
import chalk from 'chalk';
import {
  failed as failedItems,
  foldOutbox,
  waiting,
  waitingLine,
} from '../../domain/delivery/outbox.js';
import { overdueLine } from '../../domain/incident/cadence.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import type { CommandRun, IncidentState } from '../../domain/incident/fold.js';
import { between, formatDuration, localClock } from '../../domain/incident/time.js';
import { summarizeSteps, walkRecord } from '../../domain/incident/walk.js';
import { commandText } from '../../domain/render/describe.js';
import { safeLine, safeStrings } from '../../domain/text/terminal-safe.js';
import { eventsNotShared, readShareState } from '../../infra/share/share-state.js';
import { failedLine } from '../../use-cases/delivery/report.js';
import { type ShareSummary, shareSummary } from './team.js';

/** Steps the walk has dealt with (done, skipped or decided), from the events alone. */
export function stepsHandled(events: readonly OncallEvent[]): number {
  const { done, skipped } = summarizeSteps(walkRecord(events));
  return done + skipped.length;
}

/** How many cut-off commands the text names; the rest are counted. */
const CUT_OFF_SHOWN = 5;

/**
 * Commands started and never finished: still running in some terminal, or cut
 * off (the terminal closed, the laptop slept). Either way, worth a look before
 * running them again. A drill's commands never run, so never finish.
 */
export function unfinished(state: IncidentState): CommandRun[] {
  return state.commands.filter((run) => run.finishedAt === undefined && !run.drill);
}

function unfinishedLines(state: IncidentState, now: Date, tz: string | undefined): string[] {
  const runs = unfinished(state);
  const shown = runs.slice(-CUT_OFF_SHOWN);
  const lines = shown.map((run) =>
    chalk.yellow(
      `! still running or cut off: \`${safeLine(commandText(run))}\` started ${localClock(run.startedAt, tz)} (${between(run.startedAt, now)} ago)`,
    ),
  );
  const more = runs.length - shown.length;
  if (more > 0) lines.push(chalk.yellow(`  …and ${more} more earlier (see \`oncall timeline\`)`));
  return lines;
}

/** How many open hypotheses and ruled-out ideas status names (the latest); the rest are counted. */
const IDEAS_SHOWN = 8;

/** The open hypotheses, one a line, and what was ruled out, on one: the latest few of each. */
function ideaLines(state: IncidentState, timeOfDay: (iso: string) => string): string[] {
  const lines: string[] = [];
  const open = state.openHypotheses;
  if (open.length) {
    lines.push(
      open.length > IDEAS_SHOWN ? `Open hypotheses (${open.length}):` : 'Open hypotheses:',
    );
    const earlier = open.length - IDEAS_SHOWN;
    if (earlier > 0) lines.push(chalk.dim(`  …${earlier} earlier (see \`oncall timeline\`)`));
    for (const h of open.slice(-IDEAS_SHOWN))
      lines.push(`  - ${safeLine(h.text)} ${chalk.dim(`(${timeOfDay(h.ts)})`)}`);
  }
  const ruledOut = state.ruledOut;
  if (ruledOut.length) {
    const earlier = ruledOut.length - IDEAS_SHOWN;
    const latest = ruledOut.slice(-IDEAS_SHOWN).map((r) => safeLine(r.text));
    lines.push(
      earlier > 0
        ? `Ruled out (${ruledOut.length}): …${earlier} earlier; ${latest.join('; ')}`
        : `Ruled out: ${latest.join('; ')}`,
    );
  }
  return lines;
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
  // Only what is printed is made safe (here, or where it is printed): a night's
  // notes and outputs are only counted here.
  const { title, id, commander, service, impact, runbook } = incident;
  const state = { ...incident, ...safeStrings({ title, id, commander, service, impact, runbook }) };
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
    const counts = () =>
      `${state.runbook?.title} (${state.runbook?.id}), ${stepsHandled(events)} steps handled`;
    lines.push(`Runbook: ${walk === undefined ? counts() : safeLine(walk)}`);
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
  lines.push(...ideaLines(state, timeOfDay));
  const failed = state.commands.filter((c) => c.exitCode !== undefined && c.exitCode !== 0);
  lines.push(
    `Commands: ${state.commands.length} run${failed.length ? `, ${failed.length} failed` : ''}; notes: ${state.notes.length}`,
  );
  lines.push(...unfinishedLines(state, now, tz));
  return lines;
}

/**
 * Where the walk stands ("at step 4 of 12, Roll back the deploy"), when the
 * attached runbook can still be read; otherwise the caller falls back to counts.
 */
export async function walkProgress(
  state: IncidentState,
  events: readonly OncallEvent[],
  home: string,
): Promise<string | undefined> {
  if (!state.runbook) return undefined;
  const { attachedWalk } = await import('../../terminal/walk/attached.js');
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

/** Where sharing stands for the incident in `dir`, if it is shared. */
export function shareOf(dir: string, log: string): ShareSummary | undefined {
  const shared = readShareState(dir);
  return shared ? shareSummary(shared, eventsNotShared(log, shared)) : undefined;
}
