// `oncall run -- <command...>`: its arguments and flags.
import { defineCommand } from '../definition/define.js';

export const runCommand = defineCommand({
  name: 'run',
  description: 'run a command, recording it, its exit code, duration and output tail',
  arguments: [
    {
      name: 'command',
      key: 'argv',
      description: 'the command and its arguments, after --',
      required: true,
      variadic: true,
    },
  ],
  flags: {
    shell: {
      type: 'string',
      value: 'shell',
      description: 'run the command line through this shell (e.g. bash)',
    },
  },
});
