// One screen of the walk: the current step, its menu, and the one choice made
// there. Each screen ends after at most one recorded action, so the loop can
// read the log again before the next one.

import { firstLine } from '../../domain/runbook/command-text.js';
import { stepById } from '../../domain/runbook/steps.js';
import type { ManualStep, Step } from '../../domain/runbook/types.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { isDealtWith } from '../../domain/walk/commands.js';
import { askAboutCutOffRun, editThenRun, modeOf, runStepCommand } from './command.js';
import { escalateInWalk } from './escalate.js';
import { decisionLabel, freshChoice, jumpChoices, stepMenu, stepScreen } from './screen.js';
import { type CommandAction, nextCommand, readCommandChoice } from './section.js';
import type { Turn, WalkSession } from './session.js';
import { doStep } from './steps.js';
import { editValues, valueCount, valuesToGive } from './values.js';

export async function showScreen(s: WalkSession): Promise<Turn> {
  const step = stepById(s.runbook, s.state.current);
  if (!step) return 'again';
  const marks = s.state.commands.get(step.id);
  for (const line of stepScreen(s.c, s.moment(), step, (spec) => s.display(spec))) s.say(line);
  const cut = s.state.interrupted;
  // A wait's poll is read-only and repeats anyway: only real steps' commands are asked about.
  if (cut && step.kind !== 'wait' && !s.drill && !s.seenInterrupted.has(cut.runId)) {
    return askAboutCutOffRun(s, step);
  }
  const offered =
    step.kind === 'manual' ? step.commands[nextCommand(step, marks) ?? -1] : undefined;
  const choices = stepMenu(step, {
    state: s.state,
    drill: s.drill,
    contactName: (key) => s.contactName(key),
    values: valueCount(s),
    toGive: offered ? valuesToGive(s, offered).length : 0,
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
    case 'values':
      return editValues(s);
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

/**
 * One of a section's commands: run it, edit then run it, or skip it. What
 * became of it is in the log (the command's number with its run, or its
 * skip), and the step offers the first command not dealt with
 * (domain/walk/commands.ts).
 */
async function sectionCommand(
  s: WalkSession,
  step: ManualStep,
  action: CommandAction,
  index: number,
): Promise<Turn> {
  const spec = step.commands[index];
  if (!spec) return 'again';
  if (action === 'skipcmd') {
    s.act({ type: 'skipCommand', command: index + 1 });
    return 'again';
  }
  const how = { confirm: true, mode: modeOf(step, spec), completes: false, command: index + 1 };
  const run = action === 'edit' ? editThenRun : runStepCommand;
  return run(s, step, spec, how);
}

/** Any command of the section, in the order written, marked when dealt with. */
async function pickCommand(s: WalkSession, step: ManualStep): Promise<Turn> {
  const marks = s.state.commands.get(step.id);
  const index = await s.askChoice(
    'Which command?',
    step.commands.map((spec, i) => ({
      value: String(i),
      name: `${i + 1}. ${safeLine(firstLine(spec.source))}${isDealtWith(marks?.get(i)) ? ' ✓' : ''}`,
    })),
  );
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
