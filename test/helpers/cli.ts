// Runs the built CLI as a user does: `node bin/oncall …` in its own process,
// with a temporary ONCALL_HOME and config home, no TTY (stdin closed).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
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
 * A Node process that stays, holding the built full CLI (dist/cli.js, what
 * the bin loads for every command without a bundle of its own), and runs
 * `oncall <args>` for each line of JSON it reads, one at a time, as that CLI's
 * main() runs it in a process of its own: the box's folder, environment and
 * time zone, the real clock, process.stdout and stderr (kept for the answer),
 * no terminal (stdin closed), background work started as the bin starts it.
 * Answers go out on fd 3. A process of its own, so nothing the CLI sets
 * process-wide (a V8 flag, a handler) reaches the test's; it ends when its
 * input does, with the worker.
 */
const RESIDENT = `
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
const [, cli, bin] = process.argv;
const { runCli } = await import(cli);
let current;
for (const name of ['stdout', 'stderr']) {
  const stream = process[name];
  const write = stream.write.bind(stream);
  stream.write = (chunk, encoding, callback) => {
    if (!current) return write(chunk, encoding, callback);
    current[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
}
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(() => run(JSON.parse(line)));
});
async function run({ id, cwd, env, args }) {
  current = { id, code: 0, stdout: '', stderr: '' };
  const umask = process.umask();
  if (env.TZ === undefined) delete process.env.TZ;
  else process.env.TZ = env.TZ;
  try {
    current.code = await runCli(['node', bin, ...args], {
      cwd, env, now: () => new Date(), interactive: false, stdin: Readable.from([]),
      stdout: process.stdout, stderr: process.stderr,
      startBackground: (words) => {
        spawn(process.execPath, [bin, ...words], { cwd, env, detached: true, stdio: 'ignore' }).unref();
        return undefined;
      },
    });
  } catch (error) {
    // As Node ends a process whose main() failed.
    current.code = 1;
    current.stderr += String(error?.stack ?? error) + '\\n';
  } finally {
    process.umask(umask);
  }
  const answer = current;
  current = undefined;
  writeSync(3, JSON.stringify(answer) + '\\n');
}
`;

type Resident = (box: Sandbox, args: string[]) => Promise<Result>;

let resident: Resident | undefined;

function startResident(): Resident {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', RESIDENT, pathToFileURL(join(ROOT, 'dist', 'cli.js')).href, BIN],
    { stdio: ['pipe', 'inherit', 'inherit', 'pipe'] },
  );
  const input = child.stdin as Writable;
  const answers = child.stdio[3] as Readable;
  const waiting = new Map<number, (r: Result) => void>();
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed = error;
    resident = undefined;
    for (const done of waiting.values()) done({ code: -1, stdout: '', stderr: error.message });
    waiting.clear();
  };
  child.on('error', fail);
  child.on('exit', (code) => fail(new Error(`the resident CLI ended (${code})`)));
  createInterface({ input: answers }).on('line', (line) => {
    const { id, code, stdout, stderr } = JSON.parse(line);
    waiting.get(id)?.({ code, stdout, stderr });
    waiting.delete(id);
  });
  // It must not keep the worker alive: it ends when the worker's end closes its input.
  child.unref();
  for (const stream of [input, answers]) (stream as unknown as Socket).unref();
  let next = 0;
  return (box, args) =>
    new Promise((done) => {
      if (failed) return done({ code: -1, stdout: '', stderr: failed.message });
      const id = next++;
      waiting.set(id, done);
      input.write(`${JSON.stringify({ id, cwd: box.cwd, env: box.env, args })}\n`);
    });
}

/**
 * `oncall <args>` through the built full CLI (commander), in the process that
 * stays (RESIDENT) rather than a new one: for a test's setup, or as the
 * reference the bin's fast path is held to. What the bin itself does: oncall().
 */
export function viaFullCli(box: Sandbox, args: string[]): Promise<Result> {
  resident ??= startResident();
  return resident(box, args);
}

/**
 * `oncall start` of an incident titled "Checkout returns 500" at SEV2, without
 * questions or a runbook, for a test whose subject comes after it: through
 * the built CLI in the process that stays (viaFullCli), not a new Node
 * process for each. `oncall start` itself, through the bin: the walks
 * (e2e/walk/), the night, active-pointer.
 */
export async function startIncident(box: Sandbox, extra: string[] = []): Promise<string> {
  const r = await viaFullCli(box, [...startWords(), ...extra]);
  if (r.code !== 0) throw new Error(`start failed (${r.code}): ${r.stderr}`);
  return onlyIncidentId(box);
}
