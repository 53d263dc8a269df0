// `oncall share`, `oncall join` and `oncall sync`: sharing an incident through
// a git remote the team already has. Each takes the remote and branch from
// config (`share:`) unless given here.
import { defineCommand } from '../definition/define.js';

const remote = {
  type: 'string',
  value: 'url',
  description: 'git remote to share through (default: share.remote from config)',
} as const;
const branch = {
  type: 'string',
  value: 'name',
  description:
    'the branch incidents shared before refs are read from (default: share.branch, else main)',
} as const;

export const shareCommand = defineCommand({
  name: 'share',
  description: 'publish the active incident to the team remote; prints the id others join',
  flags: { remote, branch },
});

export const joinCommand = defineCommand({
  name: 'join',
  description: 'join an incident shared on the team remote and make it active',
  arguments: [
    {
      name: 'id',
      description: 'incident id (or an unambiguous part); a pick list on a terminal',
      required: false,
    },
  ],
  flags: { remote, branch },
});

export const syncCommand = defineCommand({
  name: 'sync',
  description: "send this responder's new events and fetch everyone else's",
  flags: {
    remote: { ...remote, description: 'sync through this remote instead of the recorded one' },
    background: {
      type: 'boolean',
      description:
        'quiet, for the sync oncall starts after each event; retries an unreachable remote; failures go to status',
    },
  },
});
