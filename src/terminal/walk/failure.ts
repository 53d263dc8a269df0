// When a step's command fails (or a wait's poll never passes). The walk never
// crashes out: it says what happened and offers the ways on, the runbook's own
// `on-failure` choice first. Only a retry goes back to the caller to run again.
import { spawn } from 'node:child_process';
import { formatDuration } from '../../domain/incident/time.js';
import { firstLine } from '../../domain/runbook/command-text.js';
import type { Step } from '../../domain/runbook/types.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { tethered } from '../../infra/exec/tether.js';
import type { RecordedRunResult, RunMode } from '../../use-cases/exec/run.js';
import { escalateInWalk } from './escalate.js';
import { withCtrlC } from './process.js';
import { FAILURE_CHOICES, failureReason, preferredOnFailure, tailRows } from './screen.js';
import type { Turn, WalkSession } from './session.js';

/** The output tail under a captured command (a streamed one was on screen already). */
export function showTail(s: WalkSession, tail: string): void {
  for (const row of tailRows(tail, s.width)) s.say(s.c.dim(row));
}

interface Failed {
  mode: RunMode;
  /** Why it failed, in a few words (default: from the result). */
  why?: string;
  /** The command as shown, for a finding's words. */
  shown?: string;
}

export async function onFailure(
  s: WalkSession,
  step: Step,
  result: RecordedRunResult,
  { mode, why = failureReason(result), shown }: Failed,
): Promise<'retry' | Turn> {
  s.say(s.c.red(`✗ failed: ${safeLine(why)} after ${formatDuration(result.durationMs)}`));
  if (mode === 'capture') showTail(s, result.outputTail);
  const failed = result.shellOutcome;
  if (failed?.failedLine !== undefined) {
    // A block stops at its first failing line (domain/walk/lines.ts): say which, and what did not run.
    s.say(
      s.c.red(
        `  line ${failed.failedLine} failed: ${safeLine(firstLine(failed.failedText ?? ''))}; the lines after it did not run.`,
      ),
    );
  }
  // A shell or an escalation comes back to this menu: the command still failed.
  for (;;) {
    const choice = await s.askChoice(
      'The command failed. Now?',
      FAILURE_CHOICES,
      preferredOnFailure(step),
    );
    switch (choice) {
      case 'retry':
        return 'retry';
      case 'back':
        return 'again';
      case 'skip':
        return s.skip();
      case 'finding':
        return failureIsTheFinding(s, step, result, why, shown);
      case 'shell':
        await openShell(s, step, why);
        break;
      case 'escalate':
        await escalateInWalk(s);
        break;
      case 'abort':
        return s.pause();
    }
  }
}

/**
 * A check that fails as expected ("503 confirms the alert"): its failure is
 * the finding. Recorded as a finding tied to the run (so the run is no loose
 * end in a handoff) and, for a check or run step, the step as done, not
 * skipped; a section goes on to its next command.
 */
async function failureIsTheFinding(
  s: WalkSession,
  step: Step,
  result: RecordedRunResult,
  why: string,
  shown: string | undefined,
): Promise<Turn> {
  const reason = (await s.askText('What does the failure show? (one line)')).trim();
  const what = shown ? `\`${firstLine(shown)}\` failed` : 'It failed';
  s.record([
    {
      type: 'note',
      kind: 'finding',
      text: s.redactor().text(`${what} as expected (${why}): ${reason}`),
      ...(result.runId ? { runId: result.runId } : {}),
    },
  ]);
  if (step.kind !== 'manual') {
    s.act({ type: 'complete', note: `the failure is the finding: ${reason}` });
    s.say(s.c.green('Done: the failure is recorded as the finding.'));
  } else {
    s.say(s.c.green('Recorded as a finding; on to the next command.'));
  }
  return 'again';
}

/** An escape hatch: the responder's own shell. Only a note of it enters the log. */
async function openShell(s: WalkSession, step: Step, why: string): Promise<void> {
  const shell = s.ctx.env.SHELL || '/bin/sh';
  s.record([
    {
      type: 'note',
      kind: 'action',
      text: `Opened a shell at step ${step.id} after the command failed (${why})`,
    },
  ]);
  s.say(s.c.dim(safeLine(`Opening ${shell}. Exit it to come back to step ${step.id}.`)));
  // The shell owns Ctrl-C while it runs; this process must not die of it.
  await withCtrlC(
    () => {},
    () =>
      new Promise<void>((resolve) => {
        // Tied to oncall's life like any command it runs (exec/tether.ts).
        // In the walk's shell state: its variables and the directory it left.
        const env = s.commandEnv();
        const cwd = s.commandCwd();
        const [file, args] = tethered(shell, [], env, cwd);
        const child = spawn(file, args, { cwd, env, stdio: 'inherit' });
        child.on('error', (error) => {
          s.say(s.c.red(safeLine(`could not open ${shell}: ${error.message}`)));
          resolve();
        });
        child.on('exit', () => resolve());
      }),
  );
  s.say(`Back at step ${safeLine(step.id)}.`);
}
