// `oncall export`: its flags.
import { defineCommand } from '../definition/define.js';

export const exportCommand = defineCommand({
  name: 'export',
  description: 'the whole incident as one JSON document { incident, events }',
  flags: {
    json: { type: 'boolean', description: 'JSON (the only format, and the default)' },
  },
});
