// What the walk shows, worked out from the walk's state alone: the header, the
// step as it stands, the menus and their words. Pure (no prompts, no log, no
// processes), so every text a responder reads is decided here, in one place.
import type { RecordedRunResult } from '../exec/run.js';
import { overdueLine } from '../incident/cadence.js';
import type { IncidentState } from '../incident/fold.js';
import { elapsedClock, formatDuration, localClock } from '../incident/time.js';
import type { WalkSummary } from '../incident/walk.js';
import { commandsOf } from '../runbook/steps.js';
import type { CommandSpec, Runbook, Step } from '../runbook/types.js';
import type { Choice } from '../ui/prompts.js';
import { backTarget, progress, type WalkState } from './machine.js';
import { nextCommand, readCommandChoice, sectionChoices, sectionLines } from './section.js';

export type Chalk = typeof import('chalk').default;

// The header's stopwatch lives with the other durations in incident/time; the
// walk's screen tests know it by this module.
export { elapsedClock };

/** What the screen needs to know about the walk at this moment. */
export interface Moment {
  state: WalkState;
  incident: IncidentState;
  now: Date;
  drill: boolean;
  /** The zone for clock times (the session passes the responder's TZ); the process's own when absent. */
  tz?: string;
}

/** "DRILL · Step 3 of 8 · SEV2 · 00:05 since start · next update due 02:30" */
export function headerLine({ state, incident, now, drill, tz }: Moment): string {
  const { n, total } = progress(state);
  const since = now.getTime() - new Date(incident.startedAt).getTime();
  const due = incident.nextUpdateDue;
  const parts = [
    ...(drill ? ['DRILL'] : []),
    `Step ${n} of ${total}`,
    incident.severity,
    `${elapsedClock(since)} since start`,
    ...(due
      ? [`next update due ${localClock(due, tz)}`]
      : due === null
        ? ['no update cadence']
        : []),
  ];
  return parts.join(' · ');
}

/** Whether an earlier pass through the walk already did or skipped this step. */
function history(state: WalkState, stepId: string): 'done' | 'skipped' | undefined {
  if (state.completed.has(stepId)) return 'done';
  if (state.skipped.has(stepId)) return 'skipped';
  return undefined;
}

/**
 * The step as the responder sees it: where the walk is, a nudge when an update
 * is overdue (not in a drill: nobody waits for it), then the step itself.
 * `show` renders a command as it will run (variables filled, secrets masked).
 */
export function stepScreen(
  c: Chalk,
  moment: Moment,
  step: Step,
  show: (spec: CommandSpec) => string,
  handled?: ReadonlySet<number>,
): string[] {
  const lines = ['', c.dim(headerLine(moment))];
  const overdue = overdueLine(moment.incident.nextUpdateDue, moment.now);
  if (overdue && !moment.drill) lines.push(c.yellow(overdue));
  const before = history(moment.state, step.id);
  const mark =
    before === 'done'
      ? c.green(' (done before)')
      : before === 'skipped'
        ? c.yellow(' (skipped before)')
        : '';
  lines.push(`${step.title}${mark} ${c.dim(`[${step.kind} · ${step.id}]`)}`);
  if (step.kind === 'manual' && step.commands.length && !moment.drill) {
    return [...lines, ...sectionLines(c, step, nextCommand(step, handled), show)];
  }
  const body = step.body.trim();
  if (body) for (const line of body.split('\n')) lines.push(`  ${line}`);
  for (const spec of commandsOf(step)) lines.push(`  ${c.dim('$')} ${show(spec)}`);
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
  /** A manual step's commands dealt with this session: the next one is offered. */
  handled?: ReadonlySet<number>;
  contactName: (key: string) => string;
}

/** What this kind of step offers first: the one next thing. */
function primaryChoices(step: Step, { drill, handled, contactName }: MenuFacts): Choice[] {
  const readAloud = 'Read it aloud: say what you expect';
  switch (step.kind) {
    case 'manual':
      return sectionChoices(step, nextCommand(step, handled), drill);
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

type FailureChoice = 'retry' | 'back' | 'skip' | 'shell' | 'escalate' | 'abort';

export const FAILURE_CHOICES: Choice<FailureChoice>[] = [
  { value: 'retry', name: 'Retry' },
  { value: 'back', name: 'Back to this step (another of its commands, or mark it done)' },
  { value: 'skip', name: 'Skip this step (give a reason)' },
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

/** The last lines of a command's output, as shown under it. */
export function tailLines(tail: string, max = 10): string[] {
  return tail.trim() ? tail.trimEnd().split('\n').slice(-max) : [];
}

/** "5 done, 1 skipped, decided: Roll back now": recorded with walk.finished and shown. */
export function summaryLine(s: WalkSummary): string {
  const parts = [`${s.done} done`, `${s.skipped.length} skipped`];
  if (s.untouched) parts.push(`${s.untouched} not reached`);
  if (s.decisions.length) parts.push(`decided: ${s.decisions.map((d) => d.choice).join(', ')}`);
  return parts.join(', ');
}
