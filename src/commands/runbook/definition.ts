// `oncall runbook list|show|lint|new`: the group and its subcommands
// (commands/runbook.ts serves all four).
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
