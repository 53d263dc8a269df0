// Runs a command as an argument vector (a shell only when one is named) and
// records it: `command.started` before, `command.finished` after, with exit
// code, duration and a redacted tail of its output. A started event without a
// finished one tells `resume` that a command may have been cut off.
// SIGTERM and SIGHUP to oncall while the command runs are passed on to it and
// its end is still recorded (the caller then exits 128+n); SIGKILL cannot be
// caught, so the command is tied to oncall's life instead (tether.ts).
import { randomUUID } from 'node:crypto';
import { closeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { Context } from '../../context.js';
import type { EventInput } from '../../domain/incident/events.js';
import { type Redactor, redactorFor } from '../../domain/redact/redact.js';
import { PATTERN_TIME_LIMIT_MS } from '../../domain/redact/timed-patterns.js';
import { OutputTail } from '../../domain/text/tail.js';
import type { ScriptLine } from '../../domain/walk/lines.js';
import { warn } from '../../infra/console/output.js';
import { tethered } from '../../infra/exec/tether.js';
import type { WalkShell } from '../../infra/exec/walk-shell.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { record } from '../journal/record.js';
import { recordedShell, type ShellOutcome, shellOutcome } from './shell-outcome.js';

/** Signals that end oncall, passed on to the running command first so its end is recorded. */
const PASSED_ON = ['SIGTERM', 'SIGHUP'] as const;
type PassedOn = (typeof PASSED_ON)[number];

export type RunMode = 'inherit' | 'capture' | 'terminal';

/** How long a signal sent to oncall's whole group may take to reach oncall after its command saw it. */
const SIGNAL_LANDS_MS = 250;

/** How long a stopped command may take to end before it is killed (SIGKILL). */
const GRACE_MS = 2_000;

/** The exit status a shell reports for a process ended by `signal`: 128 + its number. */
export function signalExitCode(signal: string): number {
  return 128 + (osConstants.signals[signal as NodeJS.Signals] ?? 0);
}

interface RecordedRunOptions {
  argv: string[];
  /** Run argv[0] as a script through this shell (e.g. "bash"): only when explicitly asked. */
  shell?: string;
  cwd: string;
  stepId?: string;
  drill?: boolean;
  /**
   * `inherit`: the terminal is attached (stdin, and output shown live while captured);
   * `capture`: output is only captured (for spinners and checks);
   * `terminal`: the terminal is the command's alone (a program one types into:
   * psql, a shell in a pod), its output not captured.
   */
  mode: RunMode;
  /** The config's redact patterns; with the secret answers a walk holds. */
  config: { readonly redact: readonly string[] };
  secrets?: readonly string[];
  /** Aborting stops this command only (Ctrl-C during a step). */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Values the script reads from `env`, recorded with it (never secrets). */
  values?: Record<string, string>;
  /**
   * A walk's script: run by `shell` in the walk's shell (infra/exec/walk-shell.ts),
   * statement by statement, stopping at the first that fails; what it leaves
   * (variables, directory) is recorded with its end.
   */
  walkShell?: { state: WalkShell; lines: readonly ScriptLine[] };
  /** Which of its step's commands it is, from 1. */
  command?: number;
  /** A wait step's check: its attempt number in that wait. */
  poll?: number;
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
  /** oncall itself was told to stop (SIGTERM, SIGHUP) while the command ran: it should exit 128+n now. */
  stoppedBy?: PassedOn;
  /** A walk's script: what it left in its shell, and the line that failed. */
  shellOutcome?: ShellOutcome;
}

/** What `runRecorded` needs to know of how the process ended (a subset of execa's result). */
interface ProcessEnd {
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
    // Arguments are logged too: scrub them as the output is scrubbed. A shell
    // script is one text; an argument vector is redacted argument by argument.
    argv: options.shell ? options.argv.map((a) => redact.text(a)) : redact.argv(options.argv),
    ...(options.shell ? { shell: options.shell } : {}),
    ...(options.values && Object.keys(options.values).length
      ? {
          values: Object.fromEntries(
            Object.entries(options.values).map(([key, value]) => [key, redact.text(value)]),
          ),
        }
      : {}),
    cwd: options.cwd,
    ...(options.stepId ? { stepId: options.stepId } : {}),
    ...(options.command !== undefined ? { command: options.command } : {}),
    ...(options.poll !== undefined ? { poll: options.poll } : {}),
  };
  record(ctx, ref, [event], { drill: options.drill });
}

type Execa = typeof import('execa').execa;

/** Starts the command; awaiting it never throws for a failure, only reports it. */
function spawnCommand(execa: Execa, ctx: Context, options: RecordedRunOptions) {
  const driven = options.shell && options.walkShell;
  const invocation = driven
    ? options.walkShell?.state.invocation(options.walkShell.lines)
    : undefined;
  const [command = '', ...words] = options.shell
    ? [options.shell, ...(invocation?.args ?? ['-c', ...options.argv])]
    : options.argv;
  const env = { ...(options.env ?? ctx.env), ...invocation?.env };
  const [file, args] = tethered(command, words, env, options.cwd);
  const { mode } = options;
  const output =
    mode === 'terminal'
      ? ('inherit' as const)
      : mode === 'inherit'
        ? (['pipe', 'inherit'] as const)
        : ('pipe' as const);
  return execa(file, args, {
    cwd: options.cwd,
    env,
    extendEnv: false,
    stdin: mode === 'capture' ? 'ignore' : 'inherit',
    stdout: output,
    stderr: output,
    all: mode !== 'terminal',
    reject: false,
    // Read as it comes (keptOutput), never held whole: a buffer's limit ended
    // the command (SIGPIPE) when its output outgrew it.
    buffer: false,
    cancelSignal: options.signal,
    forceKillAfterDelay: GRACE_MS,
    stripFinalNewline: false,
  });
}

type Subprocess = ReturnType<typeof spawnCommand>;

/**
 * What is kept of the command's output (stdout and stderr as they came), read
 * as it streams: `kubectl logs` may print gigabytes, which reach the terminal
 * whole while only their end is held (OutputTail).
 */
function keptOutput(subprocess: Subprocess): OutputTail {
  const kept = new OutputTail();
  subprocess.all?.setEncoding('utf8');
  subprocess.all?.on('data', (chunk: string) => kept.add(chunk));
  return kept;
}

/**
 * After a hang-up the terminal is gone, and Node aborts at exit when it cannot
 * reset a terminal's mode (node::ResetStdio asserts on EIO), turning exit 129
 * into a crash. Closing the standard descriptors as the process exits, after
 * everything is written, leaves it nothing to reset.
 */
function forgetTerminalAtExit(): void {
  process.once('exit', () => {
    for (const fd of [0, 1, 2]) {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
    }
  });
}

let repeatsIgnored = false;

/**
 * Once told to stop, oncall is on its way out (128+n) as soon as the command's
 * end is recorded. A repeat of the signal must not kill it before that: a
 * closed terminal hangs up oncall, then the emulator often sends its own SIGHUP
 * too, which can land after the command ended and these handlers are gone.
 */
function ignoreRepeats(): void {
  if (repeatsIgnored) return;
  repeatsIgnored = true;
  for (const signal of PASSED_ON) process.on(signal, () => {});
}

/**
 * Waits for the command to end. A SIGTERM or SIGHUP to oncall meanwhile is
 * passed on to the command (killed after GRACE_MS if it is still there), and
 * said in the result: oncall stays alive until the end can be recorded.
 */
async function awaitEnd(
  subprocess: Subprocess,
): Promise<{ end: ProcessEnd; stoppedBy?: PassedOn }> {
  let stoppedBy: PassedOn | undefined;
  let force: NodeJS.Timeout | undefined;
  const passOn = (signal: PassedOn) => {
    if (signal === 'SIGHUP' && !stoppedBy) forgetTerminalAtExit();
    ignoreRepeats();
    stoppedBy ??= signal;
    subprocess.kill(signal);
    force ??= setTimeout(() => subprocess.kill('SIGKILL'), GRACE_MS);
  };
  for (const signal of PASSED_ON) process.on(signal, passOn);
  try {
    const end = await subprocess;
    if (!stoppedBy && PASSED_ON.some((signal) => signal === end.signal)) {
      // A closed terminal hangs up its whole foreground group at once: the
      // command's end may be seen before oncall's own signal is. Let that
      // signal land while it is still passed on, rather than after, when
      // nothing would record the stop.
      await new Promise((resolve) => setTimeout(resolve, SIGNAL_LANDS_MS));
    }
    return { end, ...(stoppedBy ? { stoppedBy } : {}) };
  } finally {
    for (const signal of PASSED_ON) process.off(signal, passOn);
    clearTimeout(force);
  }
}

/** The output's tail, a spawn failure's message after it. */
function outputTailOf(output: OutputTail, spawnError: string | undefined): string {
  if (spawnError) output.add(spawnError);
  return output.tail();
}

/** How the run ended, as recorded and returned: output redacted, a spawn failure named. */
function outcomeOf(
  runId: string,
  { end, stoppedBy }: { end: ProcessEnd; stoppedBy?: PassedOn },
  output: OutputTail,
  durationMs: number,
  redact: Redactor,
): RecordedRunResult {
  const spawnError =
    end.failed && end.exitCode === undefined && !end.isCanceled && !end.signal
      ? (end.originalMessage ?? end.shortMessage)
      : undefined;
  return {
    runId,
    exitCode: end.exitCode ?? null,
    ...(end.signal ? { signal: end.signal } : {}),
    durationMs,
    outputTail: redact.text(outputTailOf(output, spawnError)),
    // Interrupted means the responder stopped it (our cancel, Ctrl-C reaching it, or
    // oncall stopped and passing that on); a kill from elsewhere (the OOM killer)
    // is a failure to look at, not a stop.
    interrupted: Boolean(end.isCanceled || end.signal === 'SIGINT' || stoppedBy),
    ...(stoppedBy ? { stoppedBy } : {}),
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
    ...recordedShell(outcome.shellOutcome),
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
  // With the secret values of the environment the command gets.
  const env = options.env ?? ctx.env;
  const redact = redactorFor(options.config, env, options.secrets);
  recordStart(ctx, ref, options, runId, redact);
  // How long it ran, on the monotonic clock: the events' times come from ctx.now().
  const started = performance.now();
  const subprocess = spawnCommand(execa, ctx, options);
  const output = keptOutput(subprocess);
  const ended = await awaitEnd(subprocess);
  const outcome = outcomeOf(runId, ended, output, Math.round(performance.now() - started), redact);
  if (options.shell && options.walkShell) {
    const shell = shellOutcome(
      { env, cwd: options.cwd },
      options.walkShell.state.ended(),
      outcome.exitCode,
      options.walkShell.lines,
      redact,
      options.secrets,
    );
    if (shell) outcome.shellOutcome = shell;
  }
  recordFinish(ctx, ref, options, outcome);
  if (redact.slowPattern !== undefined) {
    warn(
      ctx,
      `redact pattern ${JSON.stringify(redact.slowPattern)} from config ran over ${PATTERN_TIME_LIMIT_MS} ms (it backtracks): what it should have redacted was withheld from the log. Fix the pattern; \`oncall doctor\` checks it.`,
    );
  }
  return outcome;
}
