// `oncall` itself: its description and the flags every command takes
// (`--incident`), and so the full options type of each command.
import { type CommandDefinition, defineCommand, type FlagValues, type ValuesOf } from './define.js';

export const programDefinition = defineCommand({
  name: 'oncall',
  description: 'Walks the on-call responder through the runbook and keeps the incident log.',
  flags: {
    incident: {
      type: 'string',
      value: 'id',
      description: 'work on this incident instead of the active one',
    },
  },
});

/** The global flags, as every command receives them. */
export type GlobalOptions = FlagValues<typeof programDefinition.flags>;

/** What a command's module takes: its flags and arguments, and the global flags. */
export type OptionsOf<D extends CommandDefinition> = ValuesOf<D> & GlobalOptions;
