// `oncall update` on the fast path (see command.ts).
import { updateCommand } from '../commands/update/definition.js';
import { update } from '../commands/update/update.js';
import { fastCommand } from './command.js';

export const main = fastCommand(updateCommand, update);
