// `oncall sev <level>`: its argument and flags.
import { parseSeverity } from '../../domain/incident/severity.js';
import { defineCommand } from '../definition/define.js';

export const sevCommand = defineCommand({
  name: 'sev',
  description: 'change severity',
  arguments: [
    {
      name: 'level',
      description: 'SEV1..SEV4 (if unsure, pick the higher one)',
      required: true,
      parse: parseSeverity,
    },
  ],
  flags: {
    reason: { type: 'string', value: 'text', description: 'why the severity changed' },
    post: {
      type: 'negated',
      description: 'do not post the short status update to the `updates` channels',
    },
  },
});
