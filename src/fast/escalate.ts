// `oncall escalate` on the fast path (see command.ts).
import { escalateCommand } from '../commands/escalate/definition.js';
import { escalate } from '../commands/escalate/escalate.js';
import { fastCommand } from './command.js';

export const main = fastCommand(escalateCommand, escalate);
