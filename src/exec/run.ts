// Runs a command as an argument vector (a shell only when one is named) and
// records it: `command.started` before, `command.finished` after, with exit
// code, duration and a redacted tail of its output. A started event without a
// finished one tells `resume` that a command may have been cut off.
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import { record } from '../services/journal.js';
import type { IncidentRef } from '../store/incidents.js';
import { makeRedactor, tail } from '../text/redact.js';
import { PATTERN_TIME_LIMIT_MS } from '../text/timed-patterns.js';
import { warn } from '../ui/output.js';

interface RecordedRunOptions {
  argv: string[];
  /** Run argv[0] as a script through this shell (e.g. "bash"): only when explicitly asked. */
  shell?: string;
  cwd: string;
  stepId?: string;
  drill?: boolean;
  /**
   * `inherit`: the terminal is attached (stdin, and output shown live while captured);
   * `capture`: output is only captured (for spinners and checks).
   */
  mode: 'inherit' | 'capture';
  /** Extra redaction: patterns from config, literal secret values. */
  redactPatterns?: readonly string[];
  secrets?: readonly string[];
  /** Aborting stops this command only (Ctrl-C during a step). */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export interface RecordedRunResult {
  runId: string;
  exitCode: number | null;
  signal?: string;
  durationMs: number;
  /** Redacted tail, as recorded. */
  outputTail: string;
  interrupted: boolean;
  /** The command could not be started at all (not found, not executable). */
  spawnError?: string;
}

export async function runRecorded(
  ctx: Context,
  ref: IncidentRef,
  options: RecordedRunOptions,
): Promise<RecordedRunResult> {
  const { execa } = await import('execa');
  const runId = randomUUID();
  // Arguments are logged too: scrub them as the output is scrubbed, with the
  // secret values of the environment the command gets.
  const env = options.env ?? ctx.env;
  const redact = makeRedactor({ patterns: options.redactPatterns, secrets: options.secrets, env });
  const base = options.stepId ? { stepId: options.stepId } : {};
  record(
    ctx,
    ref,
    [
      {
        type: 'command.started',
        runId,
        // A shell script is one text; an argument vector is redacted argument by argument.
        argv: options.shell ? options.argv.map((a) => redact.text(a)) : redact.argv(options.argv),
        ...(options.shell ? { shell: options.shell } : {}),
        cwd: options.cwd,
        ...base,
      },
    ],
    { drill: options.drill },
  );

  const [file, ...args] = options.shell ? [options.shell, '-c', ...options.argv] : options.argv;
  const started = Date.now();
  const output = options.mode === 'inherit' ? (['pipe', 'inherit'] as const) : ('pipe' as const);
  const subprocess = execa(file ?? '', args, {
    cwd: options.cwd,
    env,
    extendEnv: false,
    stdin: options.mode === 'inherit' ? 'inherit' : 'ignore',
    stdout: output,
    stderr: output,
    all: true,
    reject: false,
    buffer: true,
    maxBuffer: 10 * 1024 * 1024,
    cancelSignal: options.signal,
    forceKillAfterDelay: 2000,
    stripFinalNewline: false,
  });
  const result = await subprocess;
  const durationMs = Date.now() - started;
  const all = typeof result.all === 'string' ? result.all : '';
  const spawnError =
    result.failed && result.exitCode === undefined && !result.isCanceled && !result.signal
      ? (result.originalMessage ?? result.shortMessage)
      : undefined;
  const outputTail = redact.text(tail(spawnError ? `${all}${spawnError}` : all));
  if (redact.slowPattern !== undefined) {
    warn(
      ctx,
      `redact pattern ${JSON.stringify(redact.slowPattern)} from config ran over ${PATTERN_TIME_LIMIT_MS} ms (it backtracks): what it should have redacted was withheld from the log. Fix the pattern; \`oncall doctor\` checks it.`,
    );
  }
  // Interrupted means the responder stopped it (our cancel, or Ctrl-C reaching it);
  // a kill from elsewhere (the OOM killer) is a failure to look at, not a stop.
  const interrupted = Boolean(result.isCanceled || result.signal === 'SIGINT');
  const exitCode = result.exitCode ?? null;
  record(
    ctx,
    ref,
    [
      {
        type: 'command.finished',
        runId,
        exitCode,
        ...(result.signal ? { signal: result.signal } : {}),
        durationMs,
        outputTail,
        ...(interrupted ? { interrupted } : {}),
        ...base,
      },
    ],
    { drill: options.drill },
  );
  return {
    runId,
    exitCode,
    ...(result.signal ? { signal: result.signal } : {}),
    durationMs,
    outputTail,
    interrupted,
    ...(spawnError ? { spawnError } : {}),
  };
}
