// The two ways a delivery leaves the machine: an HTTP POST with Node's own
// fetch, or a local program with the text on its stdin. Each is bounded by a
// timeout and answers with what happened; reading that answer is verdict.ts's job.
import { spawn } from 'node:child_process';
import type { Answer } from '../../domain/delivery/answer.js';
import { redirectRule } from '../../domain/delivery/redirects.js';
import { holdGroup, killGroup, letGoGroup } from './held.js';
import type { Concrete, HttpRequest, ProgramRequest } from './request.js';

/** A body is read up to this much: enough for any service's error message. */
const MAX_BODY = 2_000;

/** Whole milliseconds since `started` (performance.now()): how long, not what time it is. */
const elapsedSince = (started: number) => Math.round(performance.now() - started);

function networkError(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : e.message;
}

async function sendJson(request: HttpRequest, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
      // Followed, a 301/302/303 turns the POST into a GET whose 200 (a captive
      // portal's page) would read as delivered, and any redirect would carry the
      // message and its header secrets to an address nobody configured.
      redirect: redirectRule(request.method ?? 'POST', true) === 'any' ? 'follow' : 'manual',
    });
    const body = (await response.text()).slice(0, MAX_BODY);
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    // PagerDuty's REST API says when its limit resets (seconds), not Retry-After.
    const rateLimitReset = response.headers.get('ratelimit-reset') ?? undefined;
    return {
      status: response.status,
      body,
      ...(retryAfter ? { retryAfter } : {}),
      ...(rateLimitReset ? { rateLimitReset } : {}),
      durationMs: elapsedSince(started),
    };
  } catch (error) {
    const durationMs = elapsedSince(started);
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { timedOut: true, durationMs };
    return { error: networkError(error), durationMs };
  }
}

/** After its program exits, what it wrote to stderr is read this long at most: a child it left may hold the pipe. */
const STDERR_GRACE_MS = 100;
/** Between SIGTERM and SIGKILL to a program's group at its deadline. */
const KILL_GRACE_MS = 1_000;

/**
 * Runs the program with the text on stdin, in a process group of its own; its
 * last stderr line explains a failure. At the deadline the whole group is
 * ended (SIGTERM, then SIGKILL), and the answer comes at once: neither a child
 * it left behind (a `sleep`, a hung `curl`) holding its pipes, nor one that
 * ignores SIGTERM, holds oncall.
 */
function runProgram(
  request: ProgramRequest,
  baseEnv: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Answer> {
  const started = performance.now();
  return new Promise((done) => {
    const [program = '', ...args] = request.argv;
    const child = spawn(program, args, {
      cwd: request.cwd,
      env: { ...baseEnv, ...request.env },
      stdio: ['pipe', 'ignore', 'pipe'],
      detached: true,
    });
    const group = child.pid;
    if (group !== undefined) holdGroup(group);
    let stderr = '';
    let settled = false;
    /** `ending`: the group was sent SIGTERM; it is held (ended at exit) until the SIGKILL after it. */
    const finish = (answer: Answer, ending = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (group !== undefined && !ending) letGoGroup(group);
      // Neither pipe is waited on: a child left behind may keep them open.
      child.stdin.destroy();
      child.stderr.destroy();
      child.unref();
      done(answer);
    };
    const timer = setTimeout(() => {
      if (group !== undefined) {
        killGroup(group, 'SIGTERM');
        const kill = () => {
          killGroup(group, 'SIGKILL');
          letGoGroup(group);
        };
        // Not kept alive for it: should oncall end first, its exit ends the group (held.ts).
        setTimeout(kill, KILL_GRACE_MS).unref();
      }
      finish({ timedOut: true, durationMs: elapsedSince(started) }, true);
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-MAX_BODY);
    });
    child.stdin.on('error', () => {
      // The program did not read its stdin: its exit code still says how it went.
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        error: `cannot run ${program} (${error.code ?? error.message})`,
        permanent: true,
        durationMs: elapsedSince(started),
      });
    });
    child.on('exit', (exitCode, signal) => {
      const durationMs = elapsedSince(started);
      const answer = () => {
        const last = stderr.trim().split('\n').at(-1);
        finish({
          exitCode,
          ...(signal ? { signal } : {}),
          ...(last ? { body: last } : {}),
          durationMs,
        });
      };
      // Its last words may still be in the pipe: read them while it closes, briefly.
      if (child.stderr.closed) return answer();
      const grace = setTimeout(answer, STDERR_GRACE_MS);
      child.stderr.once('close', () => {
        clearTimeout(grace);
        answer();
      });
    });
    child.stdin.end(request.stdin);
  });
}

/** Makes the request (or says why it cannot be made), within `timeoutMs`. */
export function sendRequest(
  concrete: Concrete,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Answer> {
  if (concrete.kind === 'unsendable') {
    return Promise.resolve({
      error: concrete.problem,
      permanent: concrete.permanent,
      durationMs: 0,
    });
  }
  if (concrete.kind === 'program') return runProgram(concrete, env, timeoutMs);
  return sendJson(concrete, timeoutMs);
}
