// `oncall escalate`: its flags.
import { defineCommand } from '../definition/define.js';

export const escalateCommand = defineCommand({
  name: 'escalate',
  description:
    'escalation summary for one named person, with the ask; recorded, printed, and delivered through their channels',
  flags: {
    to: {
      type: 'string',
      value: 'who',
      description: 'contact key or name from config (see `oncall contacts`)',
    },
    ask: { type: 'string', value: 'text', description: 'what exactly you need from them' },
    by: { type: 'string', value: 'time', description: 'by when you need it' },
    long: { type: 'boolean', description: 'everything, not just one phone screen' },
    out: { type: 'string', value: 'file', description: 'also write the summary to this file' },
    template: { type: 'string', value: 'file', description: 'render with this template instead' },
    send: {
      type: 'negated',
      description: 'record and print only; do not page or post through their channels',
    },
    'dry-run': {
      type: 'boolean',
      description: 'print each request it would make (secrets masked); record and send nothing',
    },
  },
});
