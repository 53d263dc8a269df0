// `oncall handoff`: its flags.
import { defineCommand } from '../definition/define.js';
import { CONTACT_FLAG, DELIVERY_DRY_RUN_FLAG, TEMPLATE_FLAG } from '../definition/flags.js';

export const handoffCommand = defineCommand({
  name: 'handoff',
  description:
    'hand the incident to the next commander: the summary, what is unresolved, open tasks',
  flags: {
    to: CONTACT_FLAG,
    note: {
      type: 'string',
      value: 'text',
      description: 'anything the next commander should hear from you',
    },
    out: { type: 'string', value: 'file', description: 'also write the handoff to this file' },
    template: TEMPLATE_FLAG,
    send: {
      type: 'negated',
      description: 'record and print only; do not deliver it through their channels',
    },
    'dry-run': DELIVERY_DRY_RUN_FLAG,
    accept: {
      type: 'boolean',
      description: 'take over as commander: accept the handoff made to you',
    },
  },
});
