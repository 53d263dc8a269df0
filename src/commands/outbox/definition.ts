// `oncall outbox` (list) and `oncall outbox flush`: what waits to be sent, and
// sending it now (commands/outbox.ts serves both).
import { defineCommand, defineGroup } from '../definition/define.js';

export const outboxGroup = defineGroup({
  name: 'outbox',
  description: 'messages and pages waiting to be sent; `oncall outbox flush` retries them now',
  default: 'list',
});

export const outboxListCommand = defineCommand({
  name: 'list',
  description: 'what waits (channel, for whom, age, last error) and what failed for good',
  flags: {
    json: { type: 'boolean', description: 'as JSON' },
  },
});

export const outboxFlushCommand = defineCommand({
  name: 'flush',
  description: 'retry what waits now, each item at most once after it went through',
  flags: {
    failed: {
      type: 'boolean',
      description: 'also retry what failed for good (after fixing a key, a URL or the message)',
    },
    due: {
      type: 'boolean',
      description:
        'only items whose retry time has come (what later commands run in the background)',
    },
    quiet: { type: 'boolean', description: 'print nothing (for the background flush)' },
  },
});
