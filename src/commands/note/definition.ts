// `oncall note`: read by commander (`oncall note --help`) and by the fast path
// (fast-note.ts, node's parseArgs) alike, so the two cannot disagree.
import { NOTE_KINDS } from '../../domain/incident/note-kinds.js';
import { defineCommand } from '../definition/define.js';

export const noteCommand = defineCommand({
  name: 'note',
  description: 'add a timestamped note to the active incident',
  arguments: [
    {
      name: 'text',
      description: 'what happened, what you found, what you think',
      required: true,
      variadic: true,
    },
  ],
  flags: {
    kind: {
      type: 'string',
      value: 'kind',
      short: 'k',
      description: 'kind of note',
      choices: NOTE_KINDS,
      default: 'note',
    },
    action: { type: 'boolean', description: 'shorthand for --kind action' },
    finding: { type: 'boolean', description: 'shorthand for --kind finding' },
    hypothesis: { type: 'boolean', description: 'shorthand for --kind hypothesis' },
    'ruled-out': { type: 'boolean', description: 'shorthand for --kind ruled-out' },
    confirmed: {
      type: 'boolean',
      description:
        'shorthand for --kind confirmed: a cause confirmed (closes the open hypothesis it is closest to)',
    },
    confirms: {
      type: 'string',
      value: 'hypothesis',
      description:
        'the open hypothesis a confirmed cause confirms, by its id or words of its text (implies --confirmed)',
    },
    decision: { type: 'boolean', description: 'shorthand for --kind decision' },
    at: {
      type: 'string',
      value: 'time',
      description: 'when it happened (ISO 8601, local HH:MM, or "10m ago")',
    },
  },
});
