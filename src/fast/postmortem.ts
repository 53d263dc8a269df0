// `oncall postmortem` on the fast path (see command.ts).
import { postmortemCommand } from '../commands/postmortem/definition.js';
import { postmortem } from '../commands/postmortem/postmortem.js';
import { fastCommand } from './command.js';

export const main = fastCommand(postmortemCommand, postmortem);
