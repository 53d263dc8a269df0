// One line of plain words per event: the shared vocabulary of every text we render.
// Each line is made safe here, once (text/terminal-safe): whatever a note or a
// reason holds, a described event is one line that cannot drive the terminal.
// An event this laptop cannot vouch for (incident/provenance.ts: found in a
// file that is not its actor's) says so in every text it is told in.
import { commandText } from '../incident/command-line.js';
import type { EventOf, OncallEvent } from '../incident/events.js';
import type { CommandRun } from '../incident/fold.js';
import { unverified } from '../incident/provenance.js';
import { formatDuration } from '../incident/time.js';
import { matchersText } from '../silence/silences.js';
import { codeSpan } from '../text/markdown.js';
import { safeLine } from '../text/terminal-safe.js';
import { alertWords, type SentIndex, sentWords } from './sent.js';

/** "PagerDuty incident #1234", "Alertmanager alert 5f1c8a6b3e2d9a10". */
export function sourceName(source: NonNullable<EventOf<'incident.opened'>['source']>): string {
  if (source.system === 'alertmanager') return `Alertmanager alert ${source.id}`;
  return `PagerDuty incident ${source.number !== undefined ? `#${source.number}` : source.id}`;
}

/** exit 0 (4s) · failed, exit 1 (2s) · interrupted · still running */
export function commandResult(run: CommandRun): string {
  if (run.drill) return 'drill: not run';
  if (run.finishedAt === undefined)
    return 'no result recorded (still running, or the terminal closed)';
  const took = run.durationMs !== undefined ? ` (${formatDuration(run.durationMs)})` : '';
  if (run.interrupted) return `interrupted${took}`;
  if (run.signal) return `killed by ${run.signal}${took}`;
  if (run.exitCode === 0) return `exit 0${took}`;
  const line = run.failedLine !== undefined ? ` at line ${run.failedLine}` : '';
  return `failed, exit ${run.exitCode ?? '?'}${line}${took}`;
}

export const commandFailed = (run: CommandRun) =>
  !run.drill && run.finishedAt !== undefined && run.exitCode !== 0;

/** The last non-empty line of a command's (already redacted) output. */
export function lastOutputLine(run: CommandRun): string | undefined {
  const lines = (run.outputTail ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1);
}

/**
 * The event in words, on one line and safe to print, or undefined for events
 * that only carry bookkeeping (command.finished is told with its command.started,
 * from `runs`). With `sent` (the log's deliveries), an escalation or a handoff
 * says whether it went anywhere, and a milestone what it did to the pages.
 */
export function describeEvent(
  e: OncallEvent,
  runs: ReadonlyMap<string, CommandRun>,
  nameOf: (who: string) => string = (who) => who,
  sent?: SentIndex,
): string | undefined {
  const text = tell(e, runs, nameOf, sent);
  if (text === undefined) return undefined;
  const doubt = unverified(e);
  return safeLine(doubt === undefined ? text : `${text} [unverified: ${doubt}]`);
}

/** ` (sent via pager)`, ` (recorded, not sent)`: only when the deliveries are known. */
const how = (sent: SentIndex | undefined, e: OncallEvent) =>
  sent ? ` (${sentWords(sent, e)})` : '';

/** `mitigated: rolled back (page acknowledged in PagerDuty)` */
function milestone(word: string, e: OncallEvent & { summary?: string }, sent?: SentIndex) {
  const alerts = sent && alertWords(sent, e);
  return `${word}${e.summary ? `: ${e.summary}` : ''}${alerts ? ` (${alerts})` : ''}`;
}

function tell(
  e: OncallEvent,
  runs: ReadonlyMap<string, CommandRun>,
  nameOf: (who: string) => string,
  sent: SentIndex | undefined,
): string | undefined {
  switch (e.type) {
    case 'incident.opened':
      return `incident declared at ${e.severity}: ${e.title}${e.impact ? ` (impact: ${e.impact})` : ''}${e.source ? ` (from ${sourceName(e.source)})` : ''}`;
    case 'silence.created':
      return `silenced ${matchersText(e.matchers)} for ${formatDuration(Date.parse(e.endsAt) - Date.parse(e.startsAt))} (silence ${e.silence.slice(0, 8)})`;
    case 'silence.expired':
      return `silence ${e.silence.slice(0, 8)} ended`;
    case 'incident.mitigated':
      return milestone('mitigated', e, sent);
    case 'incident.resolved':
      return milestone('resolved', e, sent);
    case 'severity.changed':
      return `severity ${e.from} → ${e.to}${e.reason ? `: ${e.reason}` : ''}`;
    case 'impact.changed':
      return `impact now: ${e.impact}`;
    case 'note':
      return `${e.kind === 'ruled-out' ? 'ruled out' : e.kind}: ${e.text}`;
    case 'update.sent':
      return `status update sent: ${e.text}`;
    case 'escalation':
      return `escalation to ${e.toName ?? nameOf(e.to)}${how(sent, e)}${e.ask ? `: ${e.ask}` : ''}`;
    case 'handoff':
      return `${nameOf(e.from)} offered the handoff to ${e.toName ?? nameOf(e.to)}${how(sent, e)}${e.note ? `: ${e.note}` : ''}`;
    case 'handoff.accepted':
      return 'accepted the handoff: now incident commander';
    case 'responder.joined':
      return 'joined the incident';
    case 'command.started': {
      const run = runs.get(e.runId);
      const result = run ? commandResult(run) : 'no result recorded';
      if (e.via === 'shell')
        return `typed in ${e.shell ?? 'a shell'}: ${codeSpan(commandText(e))} → ${result}`;
      return `ran ${codeSpan(commandText(e))} → ${result}`;
    }
    case 'runbook.attached':
      return `runbook attached: ${e.runbook.title} (${e.runbook.id})`;
    case 'step.completed':
      return `step ${e.stepId} done${e.note ? `: ${e.note}` : ''}`;
    case 'step.skipped':
      return `step ${e.stepId} skipped: ${e.reason}`;
    case 'step.decided':
      return `step ${e.stepId}: chose "${e.choice}"`;
    case 'step.answered':
      return `step ${e.stepId}: ${e.variable} = ${e.secret ? '(secret)' : (e.value ?? '')}`;
    case 'step.waited': {
      // A polled wait is one item: its checks counted here, not told one by one.
      const checks = e.polls ? `, ${e.polls} check${e.polls === 1 ? '' : 's'}` : '';
      return `step ${e.stepId}: waited ${formatDuration(e.waitedMs)}${checks} (${e.outcome})`;
    }
    case 'walk.finished':
      return `runbook walk finished${e.summary ? `: ${e.summary}` : ''}`;
    case 'walk.paused':
      return `runbook walk paused${e.stepId ? ` at ${e.stepId}` : ''}`;
    case 'walk.resumed':
      return `runbook walk resumed${e.stepId ? ` at ${e.stepId}` : ''}`;
    case 'command.skipped':
      return `step ${e.stepId}: command ${e.command} not run (skipped)`;
    case 'command.edited':
      return `step ${e.stepId}: edited ${codeSpan(e.original)} to ${codeSpan(e.edited)} before running it`;
    default:
      // step.started, walk.moved, command.finished: bookkeeping only.
      return undefined;
  }
}
