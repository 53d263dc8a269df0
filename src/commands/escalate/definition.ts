// `oncall escalate`: its flags.
import { defineCommand } from '../definition/define.js';
import { CONTACT_FLAG, DELIVERY_DRY_RUN_FLAG, TEMPLATE_FLAG } from '../definition/flags.js';

export const escalateCommand = defineCommand({
  name: 'escalate',
  description:
    'escalation summary for one named person, with the ask; recorded, printed, and delivered through their channels',
  flags: {
    to: CONTACT_FLAG,
    ask: { type: 'string', value: 'text', description: 'what exactly you need from them' },
    by: { type: 'string', value: 'time', description: 'by when you need it' },
    long: { type: 'boolean', description: 'everything, not just one phone screen' },
    out: { type: 'string', value: 'file', description: 'also write the summary to this file' },
    template: TEMPLATE_FLAG,
    send: {
      type: 'negated',
      description: 'record and print only; do not page or post through their channels',
    },
    'dry-run': DELIVERY_DRY_RUN_FLAG,
  },
});
