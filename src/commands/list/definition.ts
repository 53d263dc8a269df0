// `oncall list`: its flags.
import { defineCommand } from '../definition/define.js';

export const listCommand = defineCommand({
  name: 'list',
  description: 'all incidents; the active one is marked',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
  },
});
