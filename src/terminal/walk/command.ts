// Running a step's command from the walk, and what to do about one that was
// cut off. A check runs under a spinner with its output captured; a run (and a
// section's command) streams live, attached to the terminal, and asks first.
// Either way Ctrl-C stops the command only, never the walk.

import { formatDuration, localClock } from '../../domain/incident/time.js';
import {
  type Prepared,
  prepareCommand,
  previewCommand,
  SECRET_ANSWER_MASK,
  showCommand,
} from '../../domain/runbook/command-text.js';
import { effectOf } from '../../domain/runbook/script.js';
import type { CommandSpec, Step } from '../../domain/runbook/types.js';
import { slotsOf } from '../../domain/runbook/vars.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { RecordedRunResult, RunMode } from '../../use-cases/exec/run.js';
import { onFailure, showTail } from './failure.js';
import { interruptible, runAndRecord, sayCarried, startSpinner } from './process.js';
import { commandRows, cutOffChoices } from './screen.js';
import type { Turn, WalkSession } from './session.js';
import { askPlaceholders } from './values.js';

interface RunHow {
  /** Ask before running: by typing the verb when it changes state, else a yes/no (a check never asks). */
  confirm: boolean;
  mode: RunMode;
  /** A success completes the step (a section's command does not: "Done" does). */
  completes: boolean;
  /** A section's command: which of the step's commands, from 1 (recorded with its run). */
  command?: number;
}

/**
 * A check captures its output; a program one types into (psql, a shell in a
 * pod) gets the terminal to itself; anything else streams its output.
 */
export function modeOf(step: Step, spec?: CommandSpec): RunMode {
  if (step.kind === 'check') return 'capture';
  return spec?.interactive ? 'terminal' : 'inherit';
}

/**
 * Whether the responder agrees to run the command just shown in full. A
 * command that changes state is confirmed by typing its verb (or yes), never
 * by a default keypress, at a prompt that says it confirms; one the classifier
 * knows only reads runs at once (choosing it was the one key); any other asks
 * yes/no, No by default.
 */
async function agreed(s: WalkSession, step: Step, spec: CommandSpec): Promise<boolean> {
  const { c } = s;
  if (spec.changesState) {
    const verb = spec.verb && spec.verb !== 'yes' ? safeLine(spec.verb) : undefined;
    const word = verb ? `"${verb}" or yes` : 'yes';
    s.say(c.yellow(`This changes state${verb ? ` (${verb})` : ''}.`));
    const typed = (
      await s.askText(
        `Confirm: type ${word} to run the command above (anything else: do not run):`,
        undefined,
        false,
      )
    )
      .trim()
      .toLowerCase();
    if (typed === 'yes' || (verb !== undefined && typed === verb.toLowerCase())) return true;
    s.say(c.dim('Not run.'));
    return false;
  }
  if (spec.readOnly && step.kind === 'manual') return true;
  return s.askConfirm('Run this command now?');
}

export async function runStepCommand(
  s: WalkSession,
  step: Step,
  spec: CommandSpec,
  how: RunHow,
): Promise<Turn> {
  const { c } = s;
  const asked = await askPlaceholders(s, spec);
  await s.askMissingSecrets(spec);
  let filled: Prepared;
  try {
    filled = prepareCommand(spec, s.values(spec, false), s.secrets);
  } catch (error) {
    // A variable without a value: said, and the step offered again.
    s.say(c.red(safeLine((error as Error).message)));
    return 'again';
  }
  // The exact command, values filled in, is on screen before it is confirmed or
  // runs: a confirmation never follows a value's prompt directly.
  if (how.confirm || asked) showFilled(s, spec);
  if (how.confirm && !(await agreed(s, step, spec))) return 'again';
  for (;;) {
    const result = await execute(s, step, spec, filled, how);
    sayCarried(s, result.shellOutcome?.change);
    if (result.interrupted) {
      // In a streaming run the terminal has just echoed ^C: start on a fresh line.
      if (how.mode !== 'capture') s.say();
      s.say(c.yellow('Stopped. The command was interrupted; back to the step.'));
      if (how.mode === 'capture') showTail(s, result.outputTail);
      return 'again';
    }
    if (result.exitCode === 0) {
      s.say(c.green(`✓ exit 0 in ${formatDuration(result.durationMs)}`));
      if (how.mode === 'capture') showTail(s, result.outputTail);
      if (how.completes) s.act({ type: 'complete' });
      return 'again';
    }
    const next = await onFailure(s, step, result, { mode: how.mode, shown: s.display(spec) });
    if (next !== 'retry') return next;
  }
}

/**
 * Edit a command before it runs: the prompt starts with the command as it would
 * run (values filled in), the responder changes it, and both texts are recorded.
 * The edit is the responder's own command line, run by the command's shell.
 */
export async function editThenRun(
  s: WalkSession,
  step: Step,
  spec: CommandSpec,
  how: RunHow,
): Promise<Turn> {
  await askPlaceholders(s, spec);
  const masked = Object.values(s.envValues(spec, true)).includes(SECRET_ANSWER_MASK);
  if (masked || slotsOf(spec).some((slot) => s.secrets.has(slot.name))) {
    s.say(s.c.yellow('This command carries a secret value: it can be run, not edited here.'));
    return 'again';
  }
  const original = previewCommand(spec, s.values(spec, false));
  const edited = (await s.askEdit('Edit the command (Enter runs it):', original)).trim();
  if (!edited) return 'again';
  if (edited === original) return runStepCommand(s, step, spec, how);
  s.act({ type: 'edit', original, edited });
  const own: CommandSpec = {
    argv: [edited],
    shell: spec.shell ?? 'sh',
    source: edited,
    placeholders: [],
    slots: [],
    ...effectOf(edited),
  };
  return runStepCommand(s, step, own, { ...how, confirm: true });
}

/** The command as it will run, every line of it, values filled in (secrets masked). */
function showFilled(s: WalkSession, spec: CommandSpec): void {
  for (const row of commandRows(s.c, s.display(spec), s.width)) s.say(row);
}

/** Runs one command; a captured one under a spinner that says how to stop it. */
function execute(
  s: WalkSession,
  step: Step,
  spec: CommandSpec,
  filled: Prepared,
  { mode, command }: RunHow,
): Promise<RecordedRunResult> {
  return interruptible(async (signal) => {
    const spinner =
      mode === 'capture'
        ? await startSpinner(s, `Running ${s.display(spec, 60)} · Ctrl-C stops it`)
        : undefined;
    try {
      return await runAndRecord(s, step.id, filled, mode, signal, command);
    } finally {
      spinner?.stop();
    }
  });
}

/**
 * A command that started and never ended (a crash, a closed laptop): it may
 * have run. Never re-run it silently: say so and let the responder decide.
 */
export async function askAboutCutOffRun(s: WalkSession, step: Step): Promise<Turn> {
  const cut = s.state.interrupted;
  if (!cut) return 'again';
  s.say(
    s.c.yellow(
      `This step's command started at ${localClock(cut.startedAt, s.tz)} and no end was recorded: it may have run, fully or partly.`,
    ),
  );
  s.say(`  ${s.c.dim('$')} ${safeLine(showCommand({ argv: cut.argv }))}`);
  // A section may offer several commands: the menu ("Look first") lets the responder pick.
  const spec = step.kind === 'check' || step.kind === 'run' ? step.command : undefined;
  const choice = await s.askChoice('What now?', cutOffChoices(spec !== undefined));
  s.seenInterrupted.add(cut.runId);
  switch (choice) {
    case 'rerun':
      if (!spec) return 'again';
      return runStepCommand(s, step, spec, { confirm: true, mode: modeOf(step), completes: true });
    case 'done':
      s.act({ type: 'complete', note: 'command was cut off; the responder marked the step done' });
      return 'again';
    case 'skip':
      return s.skip();
    case 'look':
      return 'again';
  }
}
