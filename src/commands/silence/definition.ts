// `oncall silence --for <duration>` / `--expire`: its flags.
import { defineCommand } from '../definition/define.js';

export const silenceCommand = defineCommand({
  name: 'silence',
  description: "silence the incident's alert in Alertmanager for a while, or end its silences",
  flags: {
    for: {
      type: 'string',
      value: 'duration',
      description: 'how long: 2h, 90m, 1h30m (again while one holds: makes it longer)',
    },
    expire: { type: 'boolean', description: "end the incident's silences now" },
    match: {
      type: 'list',
      value: 'name=value',
      description:
        "what to silence instead of the alert's labels, repeatable (name=value, name!=value, name=~regex, name!~regex)",
    },
  },
});
