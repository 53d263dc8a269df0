// Runs a command as an argument vector (a shell only when one is named) and
// records it: `command.started` before, `command.finished` after, with exit
// code, duration and a redacted tail of its output. A started event without a
// finished one tells `resume` that a command may have been cut off.
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import type { EventInput } from '../incident/events.js';
import { record } from '../services/journal.js';
import type { IncidentRef } from '../store/incidents.js';
import { makeRedactor, type Redactor, tail } from '../text/redact.js';

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
  /** Values the script reads from `env`, recorded with it (never secrets). */
  values?: Record<string, string>;
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

/** What `runRecorded` needs to know of how the process ended (a subset of execa's result). */
interface ProcessEnd {
  all?: unknown;
  failed: boolean;
  exitCode?: number;
  isCanceled: boolean;
  signal?: string;
  originalMessage?: string;
  shortMessage?: string;
}

function recordStart(
  ctx: Context,
  ref: IncidentRef,
  options: RecordedRunOptions,
  runId: string,
  redact: Redactor,
): void {
  const event: EventInput<'command.started'> = {
    type: 'command.started',
    runId,
    // Arguments are logged too: scrub them as the output is scrubbed.
    argv: options.argv.map(redact),
    ...(options.shell ? { shell: options.shell } : {}),
    ...(options.values && Object.keys(options.values).length
      ? {
          values: Object.fromEntries(
            Object.entries(options.values).map(([key, value]) => [key, redact(value)]),
          ),
        }
      : {}),
    cwd: options.cwd,
    ...(options.stepId ? { stepId: options.stepId } : {}),
  };
  record(ctx, ref, [event], { drill: options.drill });
}

type Execa = typeof import('execa').execa;

/** Runs the command to its end: never throws for a failure, only reports it. */
async function runToEnd(
  execa: Execa,
  ctx: Context,
  options: RecordedRunOptions,
): Promise<ProcessEnd> {
  const [file, ...args] = options.shell ? [options.shell, '-c', ...options.argv] : options.argv;
  const output = options.mode === 'inherit' ? (['pipe', 'inherit'] as const) : ('pipe' as const);
  return execa(file ?? '', args, {
    cwd: options.cwd,
    env: options.env ?? ctx.env,
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
}

/** How the run ended, as recorded and returned: output redacted, a spawn failure named. */
function outcomeOf(
  runId: string,
  end: ProcessEnd,
  durationMs: number,
  redact: Redactor,
): RecordedRunResult {
  const all = typeof end.all === 'string' ? end.all : '';
  const spawnError =
    end.failed && end.exitCode === undefined && !end.isCanceled && !end.signal
      ? (end.originalMessage ?? end.shortMessage)
      : undefined;
  return {
    runId,
    exitCode: end.exitCode ?? null,
    ...(end.signal ? { signal: end.signal } : {}),
    durationMs,
    outputTail: redact(tail(spawnError ? `${all}${spawnError}` : all)),
    // Interrupted means the responder stopped it (our cancel, or Ctrl-C reaching it);
    // a kill from elsewhere (the OOM killer) is a failure to look at, not a stop.
    interrupted: Boolean(end.isCanceled || end.signal === 'SIGINT'),
    ...(spawnError ? { spawnError } : {}),
  };
}

function recordFinish(
  ctx: Context,
  ref: IncidentRef,
  options: RecordedRunOptions,
  outcome: RecordedRunResult,
): void {
  const event: EventInput<'command.finished'> = {
    type: 'command.finished',
    runId: outcome.runId,
    exitCode: outcome.exitCode,
    ...(outcome.signal ? { signal: outcome.signal } : {}),
    durationMs: outcome.durationMs,
    outputTail: outcome.outputTail,
    ...(outcome.interrupted ? { interrupted: true } : {}),
    ...(options.stepId ? { stepId: options.stepId } : {}),
  };
  record(ctx, ref, [event], { drill: options.drill });
}

export async function runRecorded(
  ctx: Context,
  ref: IncidentRef,
  options: RecordedRunOptions,
): Promise<RecordedRunResult> {
  // Loaded only when a command runs (it is not on `oncall note`'s path), before the clock starts.
  const { execa } = await import('execa');
  const runId = randomUUID();
  const redact = makeRedactor(options.redactPatterns, options.secrets);
  recordStart(ctx, ref, options, runId, redact);
  const started = Date.now();
  const end = await runToEnd(execa, ctx, options);
  const outcome = outcomeOf(runId, end, Date.now() - started, redact);
  recordFinish(ctx, ref, options, outcome);
  return outcome;
}
