// Bare `oncall` on the fast path (see command.ts): the active incident's
// status. Without one it shows commander's help, so commander takes over.
import { programDefinition } from '../commands/definition/program.js';
import { home } from '../commands/home/home.js';
import { fastCommand, NeedsCommander } from './command.js';

export const main = fastCommand(programDefinition, (ctx) =>
  home(ctx, () => {
    throw new NeedsCommander();
  }),
);
