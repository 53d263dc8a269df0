// A sandbox with the walk fixtures copied in and a config pointing at them, so
// a test may edit a runbook (to change its hash) without touching the repo.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Sandbox, sandbox } from './cli.js';

export const FIXTURES = join(ROOT, 'test', 'fixtures', 'walk', 'runbooks');

export function walkSandbox(extraConfig = ''): Sandbox {
  const box = sandbox({ ONCALL_ACTOR: 'alice@host' });
  cpSync(FIXTURES, join(box.cwd, 'runbooks'), { recursive: true });
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), `runbooks: [./runbooks]\n${extraConfig}`);
  return box;
}

export type LoggedEvent = Record<string, unknown> & { type: string };

export function ofType(events: Record<string, unknown>[], type: string): LoggedEvent[] {
  return events.filter((e): e is LoggedEvent => e.type === type);
}
