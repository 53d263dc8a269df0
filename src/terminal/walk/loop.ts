// The interactive walk-through: one step at a time, every answer recorded.
// Each turn reads the log and asks the pure walker where we are, so this loop
// keeps no position of its own: what the screen shows is what `resume` shows.
//
// The parts, each in its own file of walk/:
//   machine   pure: the position derived from the events, and what an action records
//   session   what a session holds (terminal, log, secrets) and shared actions
//   screen    pure: header, step text, menus and their words
//   menu      one screen: show the step, ask, dispatch the choice
//   steps     what "do it" means for each kind of step
//   section   a manual step's commands, one at a time (pure: what to show and offer)
//   values    the values a command's placeholders need, asked before it runs
//   command   running a step's command; a cut-off run after a crash
//   wait      countdowns and polls
//   failure   the failure menu (retry, skip, shell, escalate, stop)
//   escalate  escalating from the walk
//   process   Ctrl-C, the spinner, a command run and recorded
//   begin     between `oncall start` and the walk: pick, attach, then walk

import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { safeLine, safeStrings } from '../../domain/text/terminal-safe.js';
import { summarize } from '../../domain/walk/machine.js';
import { OncallError, UsageError } from '../../errors.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { PromptCancelled } from '../ui/prompts.js';
import { showScreen } from './menu.js';
import { nextAfterWalk, summaryLine } from './screen.js';
import { type Turn, type WalkOptions, WalkSession } from './session.js';

type WalkOutcome = 'finished' | 'paused';

/** A user-level problem this many times in a row, with no answer between: stop. */
const MAX_MISTAKES = 2;

export async function walkRunbook(
  ctx: Context,
  config: ResolvedConfig,
  ref: IncidentRef,
  runbook: Runbook,
  options: WalkOptions,
): Promise<WalkOutcome> {
  const chalk = (await import('chalk')).default;
  const s = new WalkSession(ctx, config, ref, runbook, options, chalk);
  try {
    return await walkTurns(s);
  } finally {
    s.walkShell.close();
  }
}

async function walkTurns(s: WalkSession): Promise<WalkOutcome> {
  s.load();
  announce(s);
  if (takenUpAgain(s)) s.act({ type: 'resume' });
  let mistakes = 0;
  for (;;) {
    if (s.state.finished) return 'finished';
    if (s.state.current === undefined) {
      finish(s);
      return 'finished';
    }
    let turn: Turn;
    try {
      s.act({ type: 'enter' });
      s.load();
      turn = await showScreen(s);
      mistakes = 0;
    } catch (error) {
      // Ctrl-C at a prompt pauses the walk: the place is kept for `oncall resume`,
      // and the exit status says it was interrupted (130, as a shell does).
      if (error instanceof PromptCancelled) {
        s.pause();
        throw new OncallError('', 130);
      }
      // A user-level problem (a variable without a value, a bad answer) is
      // shown and the step offered again; the walk goes on. Three in a row
      // without any answer in between means it cannot go on: stop cleanly.
      if (!(error instanceof UsageError) || ++mistakes > MAX_MISTAKES) throw error;
      s.say(s.c.red(safeLine(error.message)));
      turn = 'again';
    }
    if (turn === 'paused') return 'paused';
    s.load();
  }
}

/** The walk had begun before this session: it is resumed (and the log says so). */
function takenUpAgain(s: WalkSession): boolean {
  const { state } = s;
  if (state.finished) return false;
  return (
    state.paused ||
    state.currentStarted ||
    state.completed.size > 0 ||
    state.skipped.size > 0 ||
    state.trail.length > 0
  );
}

/** What a returning responder needs to know before the first step. Runbook text is made safe first. */
function announce(s: WalkSession): void {
  const { c, state } = s;
  const runbook = safeStrings({ title: s.runbook.title, id: s.runbook.id, file: s.runbook.file });
  const kind = s.drill ? 'Drill' : 'Runbook';
  s.say(
    `${kind}: ${runbook.title} ${c.dim(`(${runbook.id}, ${state.runbook.steps.length} steps)`)}`,
  );
  if (state.hashChanged) {
    const at = state.current ? ` at ${safeLine(state.current)}` : '';
    s.say(
      c.yellow(`${runbook.file} changed since this incident started; continuing by step id${at}.`),
    );
  }
  if (state.paused || state.currentStarted) {
    s.say(c.dim('Picking up where the walk stopped.'));
  }
  if (state.lostStep) {
    s.say(
      c.yellow(
        `Step ${safeLine(state.lostStep)} is no longer in the runbook; continuing at the first step not yet done.`,
      ),
    );
  }
}

/** Steps the walk never dealt with: a branch not taken, steps jumped over. */
function notReached(s: WalkSession) {
  const { completed, skipped, decisions } = s.state;
  return s.runbook.steps.filter(
    (step) => !completed.has(step.id) && !skipped.has(step.id) && !decisions.has(step.id),
  );
}

/** Every step is behind us: record the end, sum it up, and say the one next thing. */
function finish(s: WalkSession): void {
  const { c } = s;
  const result = summarize(s.state);
  const summary = summaryLine(result);
  s.act({ type: 'finish', summary });
  s.say();
  // The summary is recorded as it is; shown, it is made safe (decisions quote the runbook).
  s.say(c.green(`That was the last step of ${safeLine(s.runbook.title)}.`));
  s.say(`${safeLine(summary)}.`);
  for (const skip of result.skipped) {
    s.say(c.dim(safeLine(`  skipped ${skip.stepId}: ${skip.reason}`)));
  }
  for (const step of notReached(s)) {
    s.say(c.dim(safeLine(`  not reached: ${step.title} (${step.id})`)));
  }
  // What is next depends on where the incident stands: resolved from another terminal meanwhile, too.
  if (!s.drill) s.say(`Next: ${nextAfterWalk(s.incident.status)}`);
}
