// What the walk shows, worked out from the walk's state alone: the header, the
// step as it stands, the menus and their words. Pure (no prompts, no log, no
// processes), so every text a responder reads is decided here, in one place.
// Screens are fitted to a width (the terminal's): runbook text is made safe
// (text/terminal-safe) and wrapped before it is coloured.
import { waitingLine } from '../../domain/delivery/outbox.js';
import { overdueLine } from '../../domain/incident/cadence.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { formatDuration, localClock } from '../../domain/incident/time.js';
import type { WalkSummary } from '../../domain/incident/walk.js';
import { commandsOf } from '../../domain/runbook/steps.js';
import type { CommandSpec, Runbook, Step } from '../../domain/runbook/types.js';
import {
  activeSilences,
  endingSoon,
  endingSoonText,
  type IncidentSilence,
  silencedAlert,
} from '../../domain/silence/silences.js';
import { safeBlock, safeLine } from '../../domain/text/terminal-safe.js';
import {
  joinFitting,
  textWidth,
  truncate,
  unwrapParagraphs,
  wrapLine,
} from '../../domain/text/wrap.js';
import { backTarget, progress, type WalkState } from '../../domain/walk/machine.js';
import type { RecordedRunResult } from '../../use-cases/exec/run.js';
import type { Choice } from '../ui/prompts.js';
import { nextCommand, readCommandChoice, sectionChoices, sectionLines } from './section.js';

export type Chalk = typeof import('chalk').default;

/** What the screen needs to know about the walk at this moment. */
export interface Moment {
  state: WalkState;
  incident: IncidentState;
  now: Date;
  drill: boolean;
  /** The zone for clock times (the session passes the responder's TZ); the process's own when absent. */
  tz?: string;
  /** Messages waiting in the incident's outbox. */
  waiting?: number;
  /** The incident's Alertmanager silences (`oncall silence`). */
  silences?: readonly IncidentSilence[];
  /** Columns to fit the screen to (the terminal's; Infinity when not a terminal); 80 when absent. */
  width?: number;
}

/** When the width is not said: a classic terminal. */
const DEFAULT_WIDTH = 80;

/** The one next thing once the runbook is walked, by where the incident stands. */
export function nextAfterWalk(status: 'active' | 'mitigated' | 'resolved'): string {
  if (status === 'resolved') return '`oncall postmortem` for the draft.';
  if (status === 'mitigated') return '`oncall resolve` when it is over.';
  return '`oncall mitigate` when the impact stops, `oncall resolve` when it is over.';
}

/** "DRILL · Step 3 of 8 · SEV2 · 5m since start · next update due 02:30" */
export function headerLine(moment: Moment): string {
  return headerParts(moment).join(' · ');
}

/** "silenced until 04:15": the latest end of the silences that hold. */
function silencedPart(moment: Moment): string[] {
  const holding = activeSilences(moment.silences ?? [], moment.now);
  const last = holding
    .map((s) => s.endsAt)
    .sort()
    .at(-1);
  return last ? [`silenced until ${localClock(last, moment.tz)}`] : [];
}

function headerParts(moment: Moment): string[] {
  const { state, incident, now, drill, tz, waiting } = moment;
  const { n, total } = progress(state);
  const since = now.getTime() - new Date(incident.startedAt).getTime();
  const due = incident.nextUpdateDue;
  return [
    ...(drill ? ['DRILL'] : []),
    `Step ${n} of ${total}`,
    incident.severity,
    // The same clock as `oncall status`: 45s, 12m, 1h 05m.
    `${formatDuration(since)} since start`,
    ...(due
      ? [`next update due ${localClock(due, tz)}`]
      : due === null
        ? ['no update cadence']
        : []),
    ...(waiting ? [waitingLine(waiting)] : []),
    ...silencedPart(moment),
  ];
}

/** A silence ending within ten minutes while the incident is open: the alert pages again after. */
function silenceWarnings(moment: Moment): string[] {
  if (moment.drill || moment.incident.status === 'resolved') return [];
  return endingSoon(moment.silences ?? [], moment.now).map((s) =>
    endingSoonText(s.endsAt, silencedAlert(s), moment.now, moment.tz),
  );
}

/** Whether an earlier pass through the walk already did or skipped this step. */
function history(state: WalkState, stepId: string): 'done' | 'skipped' | undefined {
  if (state.completed.has(stepId)) return 'done';
  if (state.skipped.has(stepId)) return 'skipped';
  return undefined;
}

/**
 * The step's title line, kept on one row: a title too long for it is shortened
 * with an ellipsis; when the `[kind · id]` tag would leave the title less than
 * three fifths of the row, the tag goes (the title is what the responder reads).
 */
function titleLine(c: Chalk, moment: Moment, step: Step, width: number): string {
  const before = history(moment.state, step.id);
  const markText =
    before === 'done' ? ' (done before)' : before === 'skipped' ? ' (skipped before)' : '';
  const mark =
    before === 'done' ? c.green(markText) : before === 'skipped' ? c.yellow(markText) : '';
  const tag = safeLine(`[${step.kind} · ${step.id}]`);
  const title = safeLine(step.title);
  const room = width - textWidth(markText) - textWidth(tag) - 1;
  if (room >= Math.min(textWidth(title), Math.floor(width * 0.6))) {
    return `${truncate(title, room)}${mark} ${c.dim(tag)}`;
  }
  return `${truncate(title, Math.max(1, width - textWidth(markText)))}${mark}`;
}

/**
 * A command under its step: `  $ ` then the command; a script's lines under
 * it, indented. A line too long for the screen goes on in rows marked `⤷`, so
 * a wrapped row never reads as a line of its own, nor as a new command.
 */
export function commandRows(c: Chalk, command: string, width: number): string[] {
  const [first = '', ...rest] = safeBlock(command).split('\n');
  const mark = (rows: string[]) =>
    rows.map((row, i) => (i === 0 ? row : `  ${c.dim('⤷')}${row.slice(3)}`));
  const rows = [
    ...mark(wrapLine(`  $ ${first}`, width)),
    ...rest.flatMap((line) => mark(wrapLine(`    ${line}`, width))),
  ];
  return rows.map((row, i) => (i === 0 ? `  ${c.dim('$')}${row.slice(3)}` : row));
}

/**
 * A line of the step's text under its title: wrapped, except a Markdown table's
 * row, which is cut with `…` at the screen's edge so the table keeps its columns.
 */
function textRows(line: string, width: number): string[] {
  return /^\s*\|/.test(line) ? [truncate(`  ${line}`, width)] : wrapLine(`  ${line}`, width);
}

/**
 * The step as the responder sees it, in rows of at most `moment.width` columns: where
 * the walk is, a nudge when an update is overdue (not in a drill: nobody waits
 * for it), then the step itself. `show` renders a command as it will run
 * (variables filled, secrets masked).
 */
export function stepScreen(
  c: Chalk,
  moment: Moment,
  step: Step,
  show: (spec: CommandSpec) => string,
): string[] {
  const width = moment.width ?? DEFAULT_WIDTH;
  const lines = ['', ...joinFitting(headerParts(moment), ' · ', width).map((row) => c.dim(row))];
  const overdue = overdueLine(moment.incident.nextUpdateDue, moment.now);
  if (overdue && !moment.drill) lines.push(...wrapLine(overdue, width).map((row) => c.yellow(row)));
  for (const warning of silenceWarnings(moment))
    lines.push(...wrapLine(safeLine(warning), width).map((row) => c.yellow(row)));
  lines.push(titleLine(c, moment, step, width));
  if (step.kind === 'manual' && step.commands.length && !moment.drill) {
    const fit = {
      text: (text: string) =>
        unwrapParagraphs(safeBlock(text.trim())).flatMap((line) => textRows(line, width)),
      command: (command: string) => commandRows(c, command, width),
      line: (text: string) => wrapLine(safeLine(text), width),
      cut: (text: string) => truncate(safeLine(text), width),
    };
    const marks = moment.state.commands.get(step.id);
    return [...lines, ...sectionLines(c, step, marks, show, fit)];
  }
  const body = safeBlock(step.body.trim());
  if (body) for (const line of unwrapParagraphs(body)) lines.push(...textRows(line, width));
  for (const spec of commandsOf(step)) lines.push(...commandRows(c, show(spec), width));
  return lines;
}

/** A menu value that takes a decision's branch; `decisionLabel` reads it back. */
const CHOICE = 'choice:';

export function decisionLabel(value: string): string | undefined {
  return value.startsWith(CHOICE) ? value.slice(CHOICE.length) : undefined;
}

export interface MenuFacts {
  state: WalkState;
  drill: boolean;
  contactName: (key: string) => string;
  /** Values the walk holds: "Edit values" changes one. */
  values?: number;
  /** Values the offered command still needs: running it asks them first. */
  toGive?: number;
}

/** What this kind of step offers first: the one next thing. */
function primaryChoices(step: Step, facts: MenuFacts): Choice[] {
  const { drill, contactName, toGive } = facts;
  const readAloud = 'Read it aloud: say what you expect';
  switch (step.kind) {
    case 'manual': {
      const position = nextCommand(step, facts.state.commands.get(step.id));
      return sectionChoices(step, position, drill, toGive);
    }
    case 'check':
      return [{ value: 'do', name: drill ? readAloud : 'Run the check' }];
    case 'run':
      return [{ value: 'do', name: drill ? readAloud : 'Run it (asks first)' }];
    case 'ask':
      return [{ value: 'do', name: 'Answer' }];
    case 'wait': {
      const limit = formatDuration(step.seconds * 1000);
      const name = drill
        ? 'Done (a drill does not wait)'
        : step.until
          ? `Poll until it passes (up to ${limit})`
          : `Start waiting (${limit})`;
      return [{ value: 'do', name }];
    }
    case 'decide':
      return step.choices.map((choice) => ({
        value: `${CHOICE}${choice.label}`,
        name: `→ ${choice.label}`,
      }));
    case 'escalate':
      return [{ value: 'do', name: `Escalate to ${contactName(step.to)}` }];
  }
}

/** The step's menu: its own action(s) first, then the ways around the runbook. */
export function stepMenu(step: Step, facts: MenuFacts): Choice[] {
  return [
    ...primaryChoices(step, facts),
    { value: 'skip', name: 'Skip (give a reason)' },
    { value: 'note', name: 'Add a note' },
    ...(facts.values ? [{ value: 'values', name: `Edit values (${facts.values} given)` }] : []),
    ...(step.kind === 'escalate' ? [] : [{ value: 'escalate', name: 'Escalate' }]),
    ...(backTarget(facts.state) ? [{ value: 'back', name: 'Go back' }] : []),
    { value: 'jump', name: 'Jump to a step' },
    { value: 'quit', name: 'Quit (resume later)' },
  ];
}

/** Where the cursor starts: the step's action (in a section, its next command, else Done). */
export function freshChoice(choices: readonly Choice[]): string | undefined {
  return choices.find(
    (choice) => choice.value === 'do' || readCommandChoice(choice.value)?.action === 'cmd',
  )?.value;
}

/** Every step of the runbook, numbered, with what happened to it and where we are. */
export function jumpChoices(runbook: Runbook, state: WalkState): Choice[] {
  return runbook.steps.map((s, i) => {
    const before = history(state, s.id);
    const mark = before === 'done' ? ' ✓' : before === 'skipped' ? ' (skipped)' : '';
    const here = s.id === state.current ? ' ← here' : '';
    return { value: s.id, name: `${i + 1}. ${s.title}${mark}${here}` };
  });
}

/** Why a command failed, in a few words. */
export function failureReason(result: RecordedRunResult): string {
  // A stopped command may have no exit code and no signal: never say "exit null".
  return result.spawnError
    ? `could not start: ${result.spawnError}`
    : result.signal
      ? `killed by ${result.signal}`
      : result.interrupted
        ? 'interrupted'
        : `exit ${result.exitCode}`;
}

type FailureChoice = 'retry' | 'back' | 'skip' | 'finding' | 'shell' | 'escalate' | 'abort';

export const FAILURE_CHOICES: Choice<FailureChoice>[] = [
  { value: 'retry', name: 'Retry' },
  { value: 'back', name: 'Back to this step (this command stays next)' },
  { value: 'skip', name: 'Skip this step (give a reason)' },
  { value: 'finding', name: 'Done (the failure is the finding): give a reason' },
  { value: 'shell', name: 'Open a shell, then come back here' },
  { value: 'escalate', name: 'Escalate' },
  { value: 'abort', name: 'Stop the walk here (resume later)' },
];

/** What the runbook asks for on failure, else a retry: where the cursor starts. */
export function preferredOnFailure(step: Step): FailureChoice {
  return 'onFailure' in step && step.onFailure !== 'ask' ? step.onFailure : 'retry';
}

type CutOffChoice = 'look' | 'rerun' | 'done' | 'skip';

/** The ways on after a command that started and never ended; re-running only when there is one to re-run. */
export function cutOffChoices(canRerun: boolean): Choice<CutOffChoice>[] {
  return [
    { value: 'look', name: 'Look first (show the step menu)' },
    ...(canRerun ? [{ value: 'rerun' as const, name: 'Run it again' }] : []),
    { value: 'done', name: 'It ran: mark the step done' },
    { value: 'skip', name: 'Skip (give a reason)' },
  ];
}

/** The last lines of a command's output, safe to show (text/terminal-safe). */
export function tailLines(tail: string, max = 10): string[] {
  return tail.trim() ? safeBlock(tail.trimEnd()).split('\n').slice(-max) : [];
}

/** The output tail as shown under a command: in a `│` gutter, wrapped to `width`. */
export function tailRows(tail: string, width: number = DEFAULT_WIDTH, max = 10): string[] {
  return tailLines(tail, max).flatMap((line) => wrapLine(`  │ ${line}`, width));
}

/** "5 done, 1 skipped, decided: Roll back now": recorded with walk.finished and shown. */
export function summaryLine(s: WalkSummary): string {
  const parts = [`${s.done} done`, `${s.skipped.length} skipped`];
  if (s.untouched) parts.push(`${s.untouched} not reached`);
  if (s.decisions.length) parts.push(`decided: ${s.decisions.map((d) => d.choice).join(', ')}`);
  return parts.join(', ');
}
