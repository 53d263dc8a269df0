// `oncall contacts`: its flags.
import { defineCommand } from '../definition/define.js';

export const contactsCommand = defineCommand({
  name: 'contacts',
  description: 'who can be escalated to or handed the incident, and how to reach them',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
  },
});
