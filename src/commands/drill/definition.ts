// `oncall drill <runbook>`: its argument and flags.
import { defineCommand } from '../definition/define.js';
import { SEV_FLAG } from '../definition/flags.js';

export const drillCommand = defineCommand({
  name: 'drill',
  description: 'practice a runbook (table-top): nothing is executed, events are marked drill',
  arguments: [{ name: 'runbook', description: 'runbook id or file', required: true }],
  flags: {
    'dry-run': {
      type: 'boolean',
      description: 'print every step with its commands and run nothing',
    },
    title: { type: 'string', value: 'text', description: 'title of the drill incident' },
    sev: SEV_FLAG,
    input: { type: 'negated', description: 'never prompt (a drill then needs --dry-run)' },
  },
});
