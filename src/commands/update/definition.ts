// `oncall update <text...>`: its arguments and flags.
import { defineCommand } from '../definition/define.js';
import { DELIVERY_DRY_RUN_FLAG } from '../definition/flags.js';

export const updateCommand = defineCommand({
  name: 'update',
  description:
    'record a stakeholder status update, print it, and post it to the `updates` channels',
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
    post: {
      type: 'negated',
      description: 'record and print only; do not post to the `updates` channels',
    },
    'dry-run': DELIVERY_DRY_RUN_FLAG,
  },
});
