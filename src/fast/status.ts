// `oncall status` on the fast path (see command.ts).
import { statusCommand } from '../commands/status/definition.js';
import { status } from '../commands/status/status.js';
import { fastCommand } from './command.js';

export const main = fastCommand(statusCommand, status);
