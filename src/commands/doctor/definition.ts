// `oncall doctor`: its flags.
import { defineCommand } from '../definition/define.js';

export const doctorCommand = defineCommand({
  name: 'doctor',
  description:
    'check readiness before a rotation: config, contacts, runbooks, commands on PATH, delivery',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
    'send-test': {
      type: 'string',
      value: 'channel',
      description:
        'also send a clearly marked test message through this channel (PagerDuty: a real alert at info, resolved at once)',
    },
    yes: {
      type: 'boolean',
      description: 'send the PagerDuty test alert without asking (required without a terminal)',
    },
  },
});
