// `oncall timeline` on the fast path (see command.ts).
import { timelineCommand } from '../commands/timeline/definition.js';
import { timeline } from '../commands/timeline/timeline.js';
import { fastCommand } from './command.js';

export const main = fastCommand(timelineCommand, timeline);
