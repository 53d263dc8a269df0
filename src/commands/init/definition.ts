// `oncall init`: its flags.
import { defineCommand } from '../definition/define.js';

export const initCommand = defineCommand({
  name: 'init',
  description: 'write a starter config with contacts and a runbook folder',
  flags: {
    force: { type: 'boolean', description: 'overwrite an existing config file' },
    user: {
      type: 'boolean',
      description: 'write the user config (~/.config/oncall) instead of ./oncall.config.yaml',
    },
  },
});
