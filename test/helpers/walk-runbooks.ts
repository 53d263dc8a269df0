// The walk fixtures copied into a sandbox, with a config pointing at them, so a
// test may edit a runbook (to change its hash) without touching the repo; for
// the built bin (walk.ts) and for commands run in process alike.
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES as ALL_FIXTURES } from './paths.js';

const FIXTURES = join(ALL_FIXTURES, 'walk', 'runbooks');

export function withWalkRunbooks<B extends { cwd: string }>(box: B, extraConfig = ''): B {
  cpSync(FIXTURES, join(box.cwd, 'runbooks'), { recursive: true });
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), `runbooks: [./runbooks]\n${extraConfig}`);
  return box;
}

type LoggedEvent = Record<string, unknown> & { type: string };

export function ofType(events: Record<string, unknown>[], type: string): LoggedEvent[] {
  return events.filter((e): e is LoggedEvent => e.type === type);
}

/** True when nothing was created: no incident directory, or an empty one. */
export function noIncidents(box: { home: string }): boolean {
  const dir = join(box.home, 'incidents');
  return !existsSync(dir) || readdirSync(dir).length === 0;
}
