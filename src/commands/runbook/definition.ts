// `oncall runbook list|show|lint|new|suggest`: the group and its subcommands
// (runbook.ts serves the first four, suggest.ts the last).
import { defineCommand, defineGroup } from '../definition/define.js';

export const runbookGroup = defineGroup({
  name: 'runbook',
  description: 'list, show and lint runbooks; write a new one',
});

export const runbookListCommand = defineCommand({
  name: 'list',
  description: 'runbooks from the configured folders, then the bundled examples',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
  },
});

export const runbookShowCommand = defineCommand({
  name: 'show',
  description: 'a runbook as numbered steps with their kinds and commands',
  arguments: [{ name: 'runbook', key: 'name', description: 'runbook id or file', required: true }],
  flags: {
    json: {
      type: 'boolean',
      description: 'the parsed runbook as JSON: each command as it will be offered',
    },
  },
});

export const runbookLintCommand = defineCommand({
  name: 'lint',
  description: 'check runbooks; file:line for each problem, exit 2 on errors',
  arguments: [
    {
      name: 'files',
      description: 'runbook files or folders (default: every runbook found)',
      required: false,
      variadic: true,
    },
  ],
});

export const runbookNewCommand = defineCommand({
  name: 'new',
  description: 'write a starter runbook <name>.md showing every step kind',
  arguments: [
    { name: 'name', description: 'file name without .md, e.g. queue-backlog', required: true },
  ],
});

export const runbookSuggestCommand = defineCommand({
  name: 'suggest',
  description:
    "the incident's commands typed by hand that its runbook lacks, as steps in the runbook's format",
  flags: {
    runbook: {
      type: 'string',
      value: 'id|file',
      description: 'suggest for this runbook instead of the one the incident walked',
    },
    write: {
      type: 'boolean',
      description:
        'add them to the runbook file, after showing the diff (asks first on a terminal)',
    },
    yes: { type: 'boolean', description: 'with --write without a terminal: write without asking' },
    json: { type: 'boolean', description: 'the suggestions as JSON' },
  },
});
