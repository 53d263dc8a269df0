// `oncall postmortem`: its flags.
import { defineCommand } from '../definition/define.js';
import { TEMPLATE_FLAG } from '../definition/flags.js';

export const postmortemCommand = defineCommand({
  name: 'postmortem',
  description: 'write a blameless postmortem draft from the log',
  flags: {
    out: {
      type: 'string',
      value: 'file',
      description: 'where to write it (default: the incident folder)',
    },
    template: TEMPLATE_FLAG,
    force: {
      type: 'boolean',
      description: 'overwrite a draft that was edited since it was generated',
    },
  },
});
