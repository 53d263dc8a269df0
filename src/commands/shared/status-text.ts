// The status model (domain/status/status.ts) as text: where we are, in a
// glance, for `oncall status` and bare `oncall`. Every text from the log, a
// peer or git is made safe before it is coloured.

import { waitingLine } from '../../domain/delivery/outbox.js';
import { clockLine, ownClockSuspect } from '../../domain/incident/clocks.js';
import { commandText } from '../../domain/incident/command-line.js';
import type { NoteEntry } from '../../domain/incident/fold.js';
import { between, formatDuration, localClock } from '../../domain/incident/time.js';
import { sourceName } from '../../domain/render/describe.js';
import {
  activeSilences,
  endingSoon,
  endingSoonText,
  silencedAlert,
  silenceLine,
} from '../../domain/silence/silences.js';
import type { StatusModel } from '../../domain/status/status.js';
import { safeLine, safeStrings } from '../../domain/text/terminal-safe.js';
import { padColumns, textWidth } from '../../domain/text/wrap.js';
import { chalk } from '../../terminal/ui/colour.js';
import { failedLine } from '../../use-cases/delivery/report.js';

/** How many cut-off commands the text names; the rest are counted. */
const CUT_OFF_SHOWN = 5;

/** How many open hypotheses and ruled-out ideas status names (the latest); the rest are counted. */
const IDEAS_SHOWN = 8;

function unfinishedLines(m: StatusModel): string[] {
  const runs = m.unfinished;
  const shown = runs.slice(-CUT_OFF_SHOWN);
  const lines = shown.map((run) =>
    chalk.yellow(
      `! still running or cut off: \`${safeLine(commandText(run))}\` started ${localClock(run.startedAt, m.tz)} (${between(run.startedAt, m.now)} ago)`,
    ),
  );
  const more = runs.length - shown.length;
  if (more > 0) lines.push(chalk.yellow(`  …and ${more} more earlier (see \`oncall timeline\`)`));
  return lines;
}

/** One line of the latest few, the count first when some are left out: `Ruled out (12): …4 earlier; a; b`. */
function latestOnOneLine(label: string, notes: NoteEntry[]): string {
  const earlier = notes.length - IDEAS_SHOWN;
  const latest = notes.slice(-IDEAS_SHOWN).map((r) => safeLine(r.text));
  return earlier > 0
    ? `${label} (${notes.length}): …${earlier} earlier; ${latest.join('; ')}`
    : `${label}: ${latest.join('; ')}`;
}

/** The causes confirmed, then the open hypotheses, one a line, and what was ruled out, on one. */
function ideaLines(
  { open, ruledOut, confirmed }: StatusModel['ideas'],
  timeOfDay: (iso: string) => string,
): string[] {
  const lines: string[] = [];
  if (confirmed.length) lines.push(latestOnOneLine('Confirmed', confirmed));
  if (open.length) {
    lines.push(
      open.length > IDEAS_SHOWN ? `Open hypotheses (${open.length}):` : 'Open hypotheses:',
    );
    const earlier = open.length - IDEAS_SHOWN;
    if (earlier > 0) lines.push(chalk.dim(`  …${earlier} earlier (see \`oncall timeline\`)`));
    for (const h of open.slice(-IDEAS_SHOWN))
      lines.push(`  - ${safeLine(h.text)} ${chalk.dim(`(${timeOfDay(h.ts)})`)}`);
  }
  if (ruledOut.length) lines.push(latestOnOneLine('Ruled out', ruledOut));
  return lines;
}

/** The incident: clock, severity, milestones, runbook, updates, outbox, ideas, commands. */
function incidentLines(m: StatusModel): string[] {
  const { title, id, commander, service, impact, runbook } = m.incident;
  const state = {
    ...m.incident,
    ...safeStrings({ title, id, commander, service, impact, runbook }),
  };
  const timeOfDay = (iso: string) => localClock(iso, m.tz);
  const statusColour =
    state.status === 'resolved'
      ? chalk.green
      : state.status === 'mitigated'
        ? chalk.cyan
        : chalk.yellow;
  const lines = [
    `${chalk.bold(state.title)}  ${chalk.dim(state.id)}${state.drill ? chalk.magenta('  [drill]') : ''}`,
    `${state.severity} · ${statusColour(state.status)} · ${formatDuration(m.elapsedMs)} since start (${timeOfDay(state.startedAt)}) · commander ${state.commander}`,
  ];
  if (state.service) lines.push(`Service: ${state.service}`);
  lines.push(
    `Impact: ${state.impact ?? chalk.dim('not recorded yet (`oncall impact "who is affected, what they see"`)')}`,
  );
  // Declared, not acknowledged: nothing here was acknowledged at the pager.
  const milestones = [
    state.alertedAt ? `alert fired ${timeOfDay(state.alertedAt)}` : undefined,
    `declared ${timeOfDay(state.acknowledgedAt)}`,
    state.mitigatedAt ? `mitigated ${timeOfDay(state.mitigatedAt)}` : undefined,
    state.resolvedAt ? `resolved ${timeOfDay(state.resolvedAt)}` : undefined,
  ].filter(Boolean);
  lines.push(`Milestones: ${milestones.join(', ')}`);
  if (state.runbook) {
    const counts = `${state.runbook.title} (${state.runbook.id}), ${m.stepsHandled} steps handled`;
    lines.push(`Runbook: ${m.walk === undefined ? counts : safeLine(m.walk)}`);
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
  if (m.overdue) lines.push(chalk.yellow(`! ${m.overdue}`));
  const waits = m.outbox.waiting;
  if (waits) lines.push(chalk.yellow(`! ${waitingLine(waits)}: \`oncall outbox\` shows it`));
  for (const { channel, until } of m.outbox.held) {
    lines.push(
      chalk.yellow(
        `! ${safeLine(channel)} asked for a pause (HTTP 429): nothing goes to it until ${timeOfDay(until)}`,
      ),
    );
  }
  for (const item of m.outbox.failed) lines.push(chalk.red(`✗ ${safeLine(failedLine(item))}`));
  lines.push(...ideaLines(m.ideas, timeOfDay));
  const { run, failed } = m.commands;
  lines.push(`Commands: ${run} run${failed ? `, ${failed} failed` : ''}; notes: ${m.notes}`);
  lines.push(...unfinishedLines(m));
  return lines;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * People and sharing: a handoff not yet accepted, who is working the incident
 * and what each did last, and whether this laptop's events reached the team.
 */
function teamLines(m: StatusModel): string[] {
  const lines: string[] = [];
  const offered = m.handoffOffered;
  if (offered) {
    const to = safeLine(offered.toName ?? offered.to);
    const where = m.share ? '' : ' on this incident (share it first: `oncall share`)';
    lines.push(
      chalk.yellow(
        `! handoff offered to ${to} at ${localClock(offered.ts, m.tz)}, not yet accepted: ${to} runs \`oncall handoff --accept\`${where}`,
      ),
    );
  }
  const acts = m.responders;
  const share = m.share;
  if (acts.length > 1 || share) {
    lines.push('Responders:');
    const width = Math.max(...acts.map((a) => textWidth(a.who)));
    for (const a of acts) {
      const role = a.commander ? ' (commander)' : '';
      lines.push(
        `  ${padColumns(a.who, width)}${role} ${chalk.dim(`${between(a.ts, m.now)} ago:`)} ${a.what}`,
      );
    }
  }
  if (share) {
    const synced = share.lastSyncedAt
      ? `last synced ${between(share.lastSyncedAt, m.now)} ago`
      : 'not synced yet';
    const waiting = share.notYetShared
      ? `; ${plural(share.notYetShared, 'event')} not yet shared`
      : '';
    lines.push(`Shared on ${safeLine(share.remote)}: ${synced}${waiting}`);
    lines.push(...syncTroubleLines(m, share));
  }
  if (m.unverified.count) {
    lines.push(
      chalk.yellow(
        `! ${plural(m.unverified.count, 'event')} not verified (${m.unverified.first ?? ''}${m.unverified.count > 1 ? ', …' : ''}): shown flagged, kept out of decisions`,
      ),
    );
  }
  return lines;
}

/** A background sync trying again, a sync that failed, clocks that disagree. */
function syncTroubleLines(m: StatusModel, share: NonNullable<StatusModel['share']>): string[] {
  const lines: string[] = [];
  if (share.retry) {
    const next = Math.max(0, new Date(share.retry.nextAt).getTime() - m.now.getTime());
    lines.push(
      chalk.yellow(
        `! ${plural(share.notYetShared, 'event')} not yet shared: ${safeLine(share.retry.message)} (attempt ${share.retry.attempt}, next in ${formatDuration(next)})`,
      ),
    );
  } else if (share.lastError && (!share.lastSyncedAt || share.lastError.at > share.lastSyncedAt)) {
    lines.push(
      chalk.yellow(
        `! last sync failed ${between(share.lastError.at, m.now)} ago: ${safeLine(share.lastError.message)}`,
      ),
    );
  }
  const clocks = Object.entries(share.clocks ?? {});
  for (const [actor, off] of clocks)
    lines.push(chalk.yellow(`! ${safeLine(clockLine(actor, off))}`));
  if (ownClockSuspect(share.clocks ?? {}, m.responders.length - 1)) {
    lines.push(chalk.yellow("! every peer's clock is off the same way: check your own clock"));
  }
  return lines;
}

/**
 * Where it came from (`start --from`), and the silences that still hold; one
 * about to end while the incident is open is a warning (the alert pages again).
 */
function alertLines(m: StatusModel): string[] {
  const { source, links, status } = m.incident;
  const lines: string[] = [];
  if (source) {
    const page = source.url ?? links[0]?.url;
    lines.push(
      `From: ${safeLine(sourceName(source))}${page ? ` ${chalk.dim(safeLine(page))}` : ''}`,
    );
  }
  const holding = activeSilences(m.silences, m.now);
  for (const s of holding) lines.push(`Silenced: ${safeLine(silenceLine(s, m.now, m.tz))}`);
  if (status !== 'resolved') {
    for (const s of endingSoon(holding, m.now)) {
      lines.push(
        chalk.yellow(`! ${safeLine(endingSoonText(s.endsAt, silencedAlert(s), m.now, m.tz))}`),
      );
    }
  }
  return lines;
}

/** The status as lines of text, coloured; every text from outside made safe. */
export function statusText(m: StatusModel): string[] {
  return [...incidentLines(m), ...alertLines(m), ...teamLines(m)];
}
