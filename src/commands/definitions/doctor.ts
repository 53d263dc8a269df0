// `oncall doctor`: its flags.
import { defineCommand } from './define.js';

export const doctorCommand = defineCommand({
  name: 'doctor',
  description: 'check readiness before a rotation: config, contacts, runbooks, commands on PATH',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
  },
});
