// One screen of the walk: the current step, its menu, and the one choice made
// there. Each screen ends after at most one recorded action, so the loop can
// read the log again before the next one.

import { stepById } from '../runbook/steps.js';
import type { Step } from '../runbook/types.js';
import { makeRedactor } from '../text/redact.js';
import { askAboutCutOffRun, runCommand } from './command.js';
import { escalate } from './escalate.js';
import {
  commandIndex,
  decisionLabel,
  freshChoice,
  jumpChoices,
  ranKey,
  stepMenu,
  stepScreen,
} from './screen.js';
import type { Turn, WalkSession } from './session.js';
import { doStep } from './steps.js';

export async function showScreen(s: WalkSession): Promise<Turn> {
  const step = stepById(s.runbook, s.state.current);
  if (!step) return 'again';
  for (const line of stepScreen(s.c, s.moment(), step, (spec) => s.display(spec))) s.say(line);
  const cut = s.state.interrupted;
  // A wait's poll is read-only and repeats anyway: only real steps' commands are asked about.
  if (cut && step.kind !== 'wait' && !s.drill && !s.seenInterrupted.has(cut.runId)) {
    return askAboutCutOffRun(s, step);
  }
  const choices = stepMenu(step, {
    state: s.state,
    drill: s.drill,
    ran: s.ran,
    contactName: (key) => s.contactName(key),
  });
  const choice = await s.askChoice('Next?', choices, freshChoice(choices, step.id, s.ran));
  return handle(s, step, choice);
}

async function handle(s: WalkSession, step: Step, choice: string): Promise<Turn> {
  const label = decisionLabel(choice);
  if (label !== undefined) {
    s.act({ type: 'decide', choice: label });
    return 'again';
  }
  const index = commandIndex(choice);
  if (index !== undefined && step.kind === 'manual') {
    const spec = step.commands[Number(index)];
    if (!spec) return 'again';
    return runCommand(s, step, spec, {
      confirm: true,
      mode: 'inherit',
      completes: false,
      ranKey: ranKey(step.id, index),
    });
  }
  switch (choice) {
    case 'do':
      return doStep(s, step);
    case 'skip':
      return s.skip();
    case 'note':
      return note(s);
    case 'escalate':
      await escalate(s);
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

async function note(s: WalkSession): Promise<Turn> {
  const typed = await s.askText('Note:');
  const secrets = [...s.secrets.values()];
  const redactor = makeRedactor({ patterns: s.config.redact, secrets, env: s.ctx.env });
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
