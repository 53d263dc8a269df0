// `oncall update <text...>`: its arguments and flags.
import { defineCommand } from './define.js';

export const updateCommand = defineCommand({
  name: 'update',
  description: 'record a stakeholder status update and print it, ready to paste',
  arguments: [
    {
      name: 'text',
      description: 'what is being done now, in one or two short sentences',
      required: true,
      variadic: true,
    },
  ],
  flags: {
    channel: {
      type: 'string',
      value: 'name',
      description: 'where it was posted (e.g. #incidents)',
    },
  },
});
