// Runs the built CLI as a user does: `node bin/oncall …` in its own process,
// with a temporary ONCALL_HOME and config home, no TTY (stdin closed).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT } from './paths.js';

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

/**
 * A Node process holding the built CLI (dist/cli.js, what the bin loads for
 * `start`), running `oncall <args>` for each line of JSON it reads, one at a
 * time, as the bin runs it: the box's folder, environment and time zone, the
 * real clock, no terminal, background work started as the bin starts it. A
 * process of its own, so nothing the CLI sets process-wide (a V8 flag, a
 * handler) reaches the test's; it ends when its input does, with the worker.
 */
const STARTER = `
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
const [, cli, bin] = process.argv;
const { runCli } = await import(cli);
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(() => run(JSON.parse(line)));
});
async function run({ id, cwd, env, args }) {
  let stderr = '';
  let code;
  const umask = process.umask();
  if (env.TZ === undefined) delete process.env.TZ;
  else process.env.TZ = env.TZ;
  try {
    code = await runCli(['node', bin, ...args], {
      cwd, env, now: () => new Date(), interactive: false, stdin: Readable.from([]),
      stdout: { write: () => true },
      stderr: { write: (chunk) => { stderr += chunk; return true; } },
      startBackground: (words) => {
        spawn(process.execPath, [bin, ...words], { cwd, env, detached: true, stdio: 'ignore' }).unref();
        return undefined;
      },
    });
  } catch (error) {
    code = -1;
    stderr += String(error?.stack ?? error);
  } finally {
    process.umask(umask);
  }
  process.stdout.write(JSON.stringify({ id, code, stderr }) + '\\n');
}
`;

interface Starter {
  run(box: Sandbox, args: string[]): Promise<{ code: number; stderr: string }>;
}

let starter: Starter | undefined;

function startStarter(): Starter {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', STARTER, pathToFileURL(join(ROOT, 'dist', 'cli.js')).href, BIN],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting = new Map<number, (r: { code: number; stderr: string }) => void>();
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed = error;
    starter = undefined;
    for (const done of waiting.values()) done({ code: -1, stderr: error.message });
    waiting.clear();
  };
  child.on('error', fail);
  child.on('exit', (code) => fail(new Error(`the starter process ended (${code})`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const { id, code, stderr } = JSON.parse(line);
    waiting.get(id)?.({ code, stderr });
    waiting.delete(id);
  });
  // It must not keep the worker alive: it ends when the worker's end closes its input.
  child.unref();
  for (const stream of [child.stdin, child.stdout]) (stream as unknown as Socket).unref();
  let next = 0;
  return {
    run: (box, args) =>
      new Promise((done) => {
        if (failed) return done({ code: -1, stderr: failed.message });
        const id = next++;
        waiting.set(id, done);
        child.stdin.write(`${JSON.stringify({ id, cwd: box.cwd, env: box.env, args })}\n`);
      }),
  };
}

/**
 * `oncall start` of an incident titled "Checkout returns 500" at SEV2, without
 * questions or a runbook, for a test whose subject comes after it: run by the
 * built CLI's own code in a process that stays (STARTER), not a new Node
 * process for each. `oncall start` itself, through the bin: the walks
 * (e2e/walk/), the night, active-pointer.
 */
export async function startIncident(box: Sandbox, extra: string[] = []): Promise<string> {
  starter ??= startStarter();
  const r = await starter.run(box, [...startWords(), ...extra]);
  if (r.code !== 0) throw new Error(`start failed (${r.code}): ${r.stderr}`);
  return onlyIncidentId(box);
}
