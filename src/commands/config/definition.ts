// `oncall config`: its flags.
import { defineCommand } from '../definition/define.js';

export const configCommand = defineCommand({
  name: 'config',
  description: 'the resolved config and the files it came from',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
  },
});
