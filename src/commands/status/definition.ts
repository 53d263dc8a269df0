// `oncall status`: its flags.
import { defineCommand } from '../definition/define.js';

export const statusCommand = defineCommand({
  name: 'status',
  description: 'incident clock, severity, impact, progress, next update due, open hypotheses',
  flags: {
    json: { type: 'boolean', description: 'print the incident state as JSON' },
  },
});
