// ask steps: a question whose answer fills `{{var}}` in later commands
// (`var: version prompt: Version to roll back to?`, `secret: yes` to hide it).
import type { AskStep } from '../types.js';
import { VARIABLE_NAME } from '../vars.js';
import type { StepInput } from './input.js';

export function buildAskStep({ head, notes, annotationLine, out }: StepInput): AskStep {
  const variable = notes.get('var') ?? '';
  if (!variable) {
    out.error(annotationLine, `ask step "${head.id}" needs var: <name> for the answer`);
  } else if (!VARIABLE_NAME.test(variable)) {
    out.error(
      annotationLine,
      `var: "${variable}" is not a variable name (letters, digits, _ and -)`,
    );
  }
  // `secret:` alone means yes.
  const secret = /^(yes|true|on|1)?$/i.test(notes.get('secret') ?? 'no');
  return {
    ...head,
    kind: 'ask',
    variable,
    prompt: notes.get('prompt') || head.title,
    secret,
    body: '',
  };
}
