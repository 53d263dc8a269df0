// Runs the built CLI as a user does: `node bin/oncall …` in its own process,
// with a temporary ONCALL_HOME and config home, no TTY (stdin closed).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './paths.js';

export interface Sandbox {
  dir: string;
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function sandbox(extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-test-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    ONCALL_HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    ONCALL_ACTOR: 'alice@test',
    TZ: 'UTC',
    CI: 'true',
    NO_COLOR: '1',
    ...extraEnv,
  };
  return { dir, home: join(dir, 'home'), cwd: dir, env };
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function oncall(box: Sandbox, args: string[], options: { timeoutMs?: number } = {}): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: box.cwd,
    env: box.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Same, without blocking the test process: for many writers at once. */
export function oncallAsync(box: Sandbox, args: string[]): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export function onlyIncidentId(box: Sandbox): string {
  const ids = readdirSync(join(box.home, 'incidents'));
  if (ids.length !== 1 || !ids[0])
    throw new Error(`expected one incident, found ${ids.join(', ')}`);
  return ids[0];
}

export function logPath(box: Sandbox, id = onlyIncidentId(box)): string {
  return join(box.home, 'incidents', id, 'events.jsonl');
}

/** Every line of the log parsed as JSON (throws on a damaged line: tests want to know). */
export function readEvents(box: Sandbox, id?: string): Record<string, unknown>[] {
  return readFileSync(logPath(box, id), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/** `oncall start` of an incident titled `title` at SEV2, without questions or a runbook. */
export function startWords(title = 'Checkout returns 500'): string[] {
  return ['start', '--title', title, '--sev', 'SEV2', '--no-input', '--runbook', 'none'];
}

/** The id a start says it opened. */
export const openedId = (r: Result) => /Incident (\S+) opened/.exec(r.stdout)?.[1] ?? '';

export function startIncident(box: Sandbox, extra: string[] = []): string {
  const r = oncall(box, [...startWords(), ...extra]);
  if (r.code !== 0) throw new Error(`start failed (${r.code}): ${r.stderr}`);
  return onlyIncidentId(box);
}
