// `oncall handoff`: its flags.
import { defineCommand } from '../definition/define.js';

export const handoffCommand = defineCommand({
  name: 'handoff',
  description:
    'hand the incident to the next commander: the summary, what is unresolved, open tasks',
  flags: {
    to: {
      type: 'string',
      value: 'who',
      description: 'contact key or name from config (see `oncall contacts`)',
    },
    note: {
      type: 'string',
      value: 'text',
      description: 'anything the next commander should hear from you',
    },
    out: { type: 'string', value: 'file', description: 'also write the handoff to this file' },
    template: { type: 'string', value: 'file', description: 'render with this template instead' },
    send: {
      type: 'negated',
      description: 'record and print only; do not deliver it through their channels',
    },
    'dry-run': {
      type: 'boolean',
      description: 'print each request it would make (secrets masked); record and send nothing',
    },
    accept: {
      type: 'boolean',
      description: 'take over as commander: accept the handoff made to you',
    },
  },
});
