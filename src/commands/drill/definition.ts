// `oncall drill <runbook>`: its argument and flags.
import { parseSeverity, SEVERITIES } from '../../domain/incident/severity.js';
import { defineCommand } from '../definition/define.js';

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
    sev: {
      type: 'string',
      value: 'level',
      description: 'severity',
      choices: SEVERITIES,
      parse: parseSeverity,
    },
    input: { type: 'negated', description: 'never prompt (a drill then needs --dry-run)' },
  },
});
