// Sandboxes for the "words from the log" commands: a project config with
// contacts and links, and an incident opened through the built CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type Result, type Sandbox, sandbox, startIncident } from './cli.js';
import { TEAM_CONFIG } from './team.js';

function wordsSandbox(extraConfig = ''): Sandbox {
  const box = sandbox({ ONCALL_ACTOR: 'alice@host' });
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), TEAM_CONFIG + extraConfig);
  return box;
}

/** A words sandbox with "Checkout returns 500" open at SEV2, no runbook (`startIncident`). */
export async function wordsIncident(extra: string[] = []): Promise<Sandbox> {
  const box = wordsSandbox();
  await startIncident(box, extra);
  return box;
}

/** A user mistake: exit 2, one line on stderr, no stack trace. */
export function expectUsageError(r: Result, ...parts: string[]): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  for (const part of parts) expect(r.stderr).toContain(part);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}
