// `oncall impact <text...>`: its arguments.
import { defineCommand } from '../definition/define.js';

export const impactCommand = defineCommand({
  name: 'impact',
  description: 'record the impact as it is now: status, updates and the postmortem follow it',
  arguments: [
    {
      name: 'text',
      description: 'who is affected, what they see, how many',
      required: true,
      variadic: true,
    },
  ],
});
