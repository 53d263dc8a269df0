// `oncall mitigate` and `oncall resolve`: one module (commands/milestone.ts)
// serves both, so both take the same arguments and flags.
import { defineCommand } from '../definition/define.js';

const at = {
  type: 'string',
  value: 'time',
  description: 'when it happened (ISO 8601, local HH:MM, or "10m ago")',
} as const;
const post = {
  type: 'negated',
  description: 'do not post the short status update to the `updates` channels',
} as const;
const summary = {
  name: 'summary',
  description: 'what stopped the impact / what fixed it',
  required: false,
  variadic: true,
} as const;

export const mitigateCommand = defineCommand({
  name: 'mitigate',
  description: 'record that impact has stopped (the fix may not be final)',
  arguments: [summary],
  flags: { at, post },
});

export const resolveCommand = defineCommand({
  name: 'resolve',
  description: 'record that the incident is over',
  arguments: [summary],
  flags: {
    at,
    post,
    'expire-silences': {
      type: 'boolean',
      description: "end the incident's Alertmanager silences without asking",
    },
  },
});
