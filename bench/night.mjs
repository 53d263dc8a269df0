// A night at 2am: the everyday commands on an incident of 2,000 events (the
// readers' realistic mix, bench/incident.mjs), against `node -e 0` in the same
// run. The incident is the active one and the user's config names two
// contacts, as on a responder's laptop. Each run starts from the same log: the
// commands that record (update, escalate, handoff) have their event taken back,
// untimed, before the next run, so every run reads the same 2,000 events.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIncident } from './incident.mjs';

export const NIGHT_EVENTS = 2_000;

/** Each command as typed, and its target as a ratio of `node -e 0`. */
export const NIGHT_COMMANDS = [
  ['status', ['status'], 1.5],
  ['timeline', ['timeline'], 1.5],
  ['oncall (bare)', [], 1.5],
  ['update --no-post', ['update', '--no-post', 'Still', 'investigating', 'the', 'pool'], 1.5],
  ['escalate', ['escalate', '--to', 'dana', '--ask', 'check replication lag', '--no-send'], 2],
  ['handoff', ['handoff', '--to', 'erin', '--note', 'shift change', '--no-send'], 2],
  ['postmortem', ['postmortem', '--force'], 2],
];

const CONFIG = `contacts:
  dana: { name: Dana Okafor, role: DBA on-call, phone: "+1 555 0100", reach: page }
  erin: { name: Erin Vale, role: Platform on-call, chat: "@erin" }
`;

/**
 * Writes the night under `dir` and returns its environment and `reset`, which
 * puts the log back as written.
 */
export function writeNight(dir, runbookSource, baseEnv) {
  const home = join(dir, 'home');
  const config = join(dir, 'config');
  const log = writeIncident(home, 'night', NIGHT_EVENTS, runbookSource);
  writeFileSync(join(home, 'active'), 'night', { mode: 0o600 });
  mkdirSync(join(config, 'oncall'), { recursive: true });
  writeFileSync(join(config, 'oncall', 'config.yaml'), CONFIG);
  const pristine = join(dir, 'events.jsonl.written');
  copyFileSync(log, pristine);
  return {
    env: { ...baseEnv, ONCALL_HOME: home, XDG_CONFIG_HOME: config },
    reset: () => copyFileSync(pristine, log),
  };
}
