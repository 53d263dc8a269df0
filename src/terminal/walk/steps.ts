// What "do it" means for each kind of step: the menu's first choice. In a drill
// nothing runs and nothing waits: the responder says aloud what they expect,
// and that expectation is what the step records.
import { placeholderName } from '../../domain/runbook/placeholder-name.js';
import type { AskStep, Step } from '../../domain/runbook/types.js';
import { modeOf, runStepCommand } from './command.js';
import { escalateInWalk } from './escalate.js';
import type { Turn, WalkSession } from './session.js';
import { waitStep } from './wait.js';

export async function doStep(s: WalkSession, step: Step): Promise<Turn> {
  switch (step.kind) {
    case 'manual':
      s.act({ type: 'complete' });
      return 'again';
    case 'check':
    case 'run':
      if (s.drill) return expectAloud(s);
      // A check only reads, so it runs at once; a run may change things, so it asks first.
      return runStepCommand(s, step, step.command, {
        confirm: step.kind === 'run',
        mode: modeOf(step),
        completes: true,
      });
    case 'ask':
      return answer(s, step);
    case 'wait':
      return s.drill ? notWaited(s) : waitStep(s, step);
    case 'escalate':
      await escalateInWalk(s, step.to, step.ask);
      s.act({ type: 'complete' });
      return 'again';
    case 'decide':
      // A decision is taken by picking one of its branches in the menu.
      return 'again';
  }
}

async function expectAloud(s: WalkSession): Promise<Turn> {
  const expect = await s.askText('Nothing runs in a drill. What would you expect it to show?');
  s.act({ type: 'complete', note: `expected: ${expect}` });
  return 'again';
}

/**
 * A secret answer stays in memory for this session; the log only learns it was
 * given. The alert's label of the same name is offered as the default, as it is
 * for a plain runbook's placeholder (`--label namespace=web` for `var: namespace`).
 */
async function answer(s: WalkSession, step: AskStep): Promise<Turn> {
  const label = s.labels[placeholderName(step.variable)];
  const value = step.secret ? await s.askSecret(step.prompt) : await s.askText(step.prompt, label);
  if (step.secret) s.secrets.set(step.variable, value);
  s.act({ type: 'answer', value, secret: step.secret });
  return 'again';
}

function notWaited(s: WalkSession): Turn {
  s.act({ type: 'waited', outcome: 'elapsed', waitedMs: 0 });
  s.act({ type: 'complete', note: 'drill: not waited' });
  return 'again';
}
