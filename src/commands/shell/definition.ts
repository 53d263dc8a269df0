// `oncall shell`: the responder's own shell, recorded into the incident.
import { defineCommand } from '../definition/define.js';

export const shellCommand = defineCommand({
  name: 'shell',
  description:
    'your own shell ($SHELL: bash, zsh or fish) with every command typed in it recorded into the incident; `exit` returns',
  flags: {
    drill: {
      type: 'boolean',
      description: 'record into a drill (a drill records nothing from the shell unless asked)',
    },
  },
});
