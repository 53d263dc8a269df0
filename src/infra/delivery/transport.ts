// The two ways a delivery leaves the machine: an HTTP POST with Node's own
// fetch, or a local program with the text on its stdin. Each is bounded by a
// timeout and answers with what happened; reading that answer is verdict.ts's job.
import { spawn } from 'node:child_process';
import type { Answer } from '../../domain/delivery/answer.js';
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

async function postJson(request: HttpRequest, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.text()).slice(0, MAX_BODY);
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    return {
      status: response.status,
      body,
      ...(retryAfter ? { retryAfter } : {}),
      durationMs: elapsedSince(started),
    };
  } catch (error) {
    const durationMs = elapsedSince(started);
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { timedOut: true, durationMs };
    return { error: networkError(error), durationMs };
  }
}

/** Runs the program with the text on stdin; its last stderr line explains a failure. */
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
    });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 1_000).unref();
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-MAX_BODY);
    });
    child.stdin.on('error', () => {
      // The program did not read its stdin: its exit code still says how it went.
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const durationMs = elapsedSince(started);
      done({
        error: `cannot run ${program} (${error.code ?? error.message})`,
        permanent: true,
        durationMs,
      });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const durationMs = elapsedSince(started);
      if (timedOut) return done({ timedOut: true, durationMs });
      const last = stderr.trim().split('\n').at(-1);
      done({
        exitCode,
        ...(signal ? { signal } : {}),
        ...(last ? { body: last } : {}),
        durationMs,
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
  return postJson(concrete, timeoutMs);
}
