// `oncall timeline`: its flags.
import { defineCommand } from '../definition/define.js';

export const timelineCommand = defineCommand({
  name: 'timeline',
  description: 'the log as a readable timeline',
  flags: {
    json: { type: 'boolean', description: 'events as JSON' },
    md: { type: 'boolean', description: 'Markdown, ready to paste' },
    follow: {
      type: 'boolean',
      short: 'f',
      description: "keep printing new events (own and peers') as they arrive",
    },
  },
});
