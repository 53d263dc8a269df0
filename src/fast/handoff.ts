// `oncall handoff` on the fast path (see command.ts).
import { handoffCommand } from '../commands/handoff/definition.js';
import { handoff } from '../commands/handoff/handoff.js';
import { fastCommand } from './command.js';

export const main = fastCommand(handoffCommand, handoff);
