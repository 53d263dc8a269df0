// `oncall start`: its arguments and flags (commands/start.ts takes OptionsOf this).
import { defineCommand } from '../definition/define.js';
import { SEV_FLAG } from '../definition/flags.js';

export const startCommand = defineCommand({
  name: 'start',
  description: 'declare an incident, then walk the runbook',
  arguments: [
    {
      name: 'runbook',
      key: 'runbookArg',
      description: 'runbook id or file (otherwise matched by --service/--alert)',
      required: false,
    },
  ],
  flags: {
    from: {
      type: 'string',
      value: 'source',
      description:
        'open it from the page or the alert (acknowledged there): pagerduty:<id|number|URL>, alertmanager[:<fingerprint|alertname>], alertmanager-webhook:<file|->',
    },
    title: { type: 'string', value: 'text', description: 'one line: what is broken' },
    service: {
      type: 'string',
      value: 'name',
      description: 'the affected service',
      emptyMeans: 'unknown; not asked',
    },
    sev: SEV_FLAG,
    impact: {
      type: 'string',
      value: 'text',
      description: 'who is affected, what they see, how many',
      emptyMeans: 'not known yet; not asked',
    },
    'started-at': {
      type: 'string',
      value: 'time',
      description: 'when it really began (ISO 8601, local HH:MM, or "20m ago")',
      emptyMeans: 'now; not asked',
    },
    'detected-at': {
      type: 'string',
      value: 'time',
      description: 'when it was noticed, if not by the alert (ISO 8601, local HH:MM, or "20m ago")',
    },
    'alerted-at': {
      type: 'string',
      value: 'time',
      description:
        'when the alert fired (asked with --alert on a terminal): time to acknowledge counts from it',
    },
    alert: {
      type: 'string',
      value: 'name',
      description: 'the alert that fired; also used to find the runbook',
    },
    label: {
      type: 'list',
      value: 'key=value',
      description:
        "an alert label, repeatable (namespace=web): offered for the runbook's placeholders",
    },
    runbook: {
      type: 'string',
      value: 'id|file|none',
      description: 'the runbook to walk, or "none"',
    },
    new: {
      type: 'boolean',
      description: 'open a new incident even though the active one is still open',
    },
    announce: {
      type: 'boolean',
      description: 'post "I\'m on it" (the first status update) to the `updates` channels',
    },
    input: { type: 'negated', description: 'never prompt; fail naming any missing flag' },
    walk: {
      type: 'negated',
      description: 'record the incident only; walk the runbook later with `oncall resume`',
    },
    'dry-run': {
      type: 'boolean',
      description: 'print every runbook step with its commands and run nothing',
    },
  },
});
