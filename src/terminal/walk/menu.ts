// One screen of the walk: the current step, its menu, and the one choice made
// there. Each screen ends after at most one recorded action, so the loop can
// read the log again before the next one.

import { firstLine } from '../../domain/runbook/command-text.js';
import { stepById } from '../../domain/runbook/steps.js';
import type { ManualStep, Step } from '../../domain/runbook/types.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { askAboutCutOffRun, editThenRun, runStepCommand } from './command.js';
import { escalateInWalk } from './escalate.js';
import { decisionLabel, freshChoice, jumpChoices, stepMenu, stepScreen } from './screen.js';
import { type CommandAction, readCommandChoice } from './section.js';
import type { Turn, WalkSession } from './session.js';
import { doStep } from './steps.js';

export async function showScreen(s: WalkSession): Promise<Turn> {
  const step = stepById(s.runbook, s.state.current);
  if (!step) return 'again';
  const handled = s.handled.get(step.id);
  for (const line of stepScreen(s.c, s.moment(), step, (spec) => s.display(spec), handled)) {
    s.say(line);
  }
  const cut = s.state.interrupted;
  // A wait's poll is read-only and repeats anyway: only real steps' commands are asked about.
  if (cut && step.kind !== 'wait' && !s.drill && !s.seenInterrupted.has(cut.runId)) {
    return askAboutCutOffRun(s, step);
  }
  const choices = stepMenu(step, {
    state: s.state,
    drill: s.drill,
    ...(handled ? { handled } : {}),
    contactName: (key) => s.contactName(key),
  });
  const choice = await s.askChoice('Next?', choices, freshChoice(choices));
  return handle(s, step, choice);
}

async function handle(s: WalkSession, step: Step, choice: string): Promise<Turn> {
  const label = decisionLabel(choice);
  if (label !== undefined) {
    s.act({ type: 'decide', choice: label });
    return 'again';
  }
  const picked = readCommandChoice(choice);
  if (picked && step.kind === 'manual') return sectionCommand(s, step, picked.action, picked.index);
  switch (choice) {
    case 'pick':
      return step.kind === 'manual' ? pickCommand(s, step) : 'again';
    case 'do':
      return doStep(s, step);
    case 'skip':
      return s.skip();
    case 'note':
      return note(s);
    case 'escalate':
      await escalateInWalk(s);
      return 'again';
    case 'back':
      s.act({ type: 'back' });
      return 'again';
    case 'jump':
      return jump(s);
    case 'quit':
      return s.pause();
    default:
      return 'again';
  }
}

/** One of a section's commands: run it, edit then run it, or skip it; either way the next is offered. */
async function sectionCommand(
  s: WalkSession,
  step: ManualStep,
  action: CommandAction,
  index: number,
): Promise<Turn> {
  const spec = step.commands[index];
  if (!spec) return 'again';
  const handled = s.handled.get(step.id) ?? new Set<number>();
  s.handled.set(step.id, handled);
  if (action === 'skipcmd') {
    handled.add(index);
    return 'again';
  }
  const how = { confirm: true, mode: 'inherit' as const, completes: false };
  const run = action === 'edit' ? editThenRun : runStepCommand;
  const before = s.commandsRun;
  const turn = await run(s, step, spec, how);
  // Run (whatever its result): the next command is offered. Not run: this one again.
  if (s.commandsRun > before) handled.add(index);
  return turn;
}

/** Any command of the section, in the order written, marked when dealt with. */
async function pickCommand(s: WalkSession, step: ManualStep): Promise<Turn> {
  const handled = s.handled.get(step.id);
  const index = await s.askChoice(
    'Which command?',
    step.commands.map((spec, i) => ({
      value: String(i),
      name: `${i + 1}. ${safeLine(firstLine(spec.source))}${handled?.has(i) ? ' ✓' : ''}`,
    })),
  );
  handled?.delete(Number(index));
  return sectionCommand(s, step, 'cmd', Number(index));
}

async function note(s: WalkSession): Promise<Turn> {
  const typed = await s.askText('Note:');
  const redactor = s.redactor();
  s.record([{ type: 'note', kind: 'note', text: redactor.text(typed) }]);
  s.say(
    redactor.slowPattern === undefined
      ? s.c.green('Noted.')
      : s.c.yellow(`Noted, withheld: redact pattern ${redactor.slowPattern} ran too long.`),
  );
  return 'again';
}

async function jump(s: WalkSession): Promise<Turn> {
  const to = await s.askChoice(
    'Jump to which step?',
    jumpChoices(s.runbook, s.state),
    s.state.current,
  );
  if (to !== s.state.current) s.act({ type: 'jump', to });
  return 'again';
}
