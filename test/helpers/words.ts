// Sandboxes for the "words from the log" commands: a project config with
// contacts and links, and an incident opened through the built CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { oncall, onlyIncidentId, type Result, type Sandbox, sandbox } from './cli.js';

export const CONFIG_YAML = `contacts:
  alice:
    name: Alice Chen
    role: SRE on call
    chat: "@alice"
  bob:
    name: Bob Stone
    role: database on-call
    phone: "+1 555 0101"
    reach: page first
  carol:
    name: Carol Diaz
    role: payments lead
    email: carol@example.com
links:
  dashboard: https://grafana.example.com/d/checkout
`;

export function wordsSandbox(extraConfig = ''): Sandbox {
  const box = sandbox({ ONCALL_ACTOR: 'alice@host' });
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), CONFIG_YAML + extraConfig);
  return box;
}

/** Opens "Checkout returns 500" at SEV2 without a runbook walk; returns its id. */
export function openIncident(box: Sandbox, extra: string[] = []): string {
  const r = oncall(box, [
    'start',
    '--title',
    'Checkout returns 500',
    '--sev',
    'SEV2',
    '--impact',
    'About 20% of checkouts fail',
    '--no-input',
    '--runbook',
    'none',
    '--no-walk',
    ...extra,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return onlyIncidentId(box);
}

/** A user mistake: exit 2, one line on stderr, no stack trace. */
export function expectUsageError(r: Result, ...parts: string[]): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  for (const part of parts) expect(r.stderr).toContain(part);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}
