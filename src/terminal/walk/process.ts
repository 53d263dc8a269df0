// The walk's edge with the operating system: who owns Ctrl-C while something
// runs, the spinner shown meanwhile, and a step's command run and recorded.

import type { Prepared } from '../../domain/runbook/command-text.js';
import { shellQuote } from '../../domain/runbook/vars.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { truncate } from '../../domain/text/wrap.js';
import type { ShellChange } from '../../domain/walk/carried.js';
import { runsInShell, scriptLines } from '../../domain/walk/lines.js';
import { OncallError } from '../../errors.js';
import {
  type RecordedRunResult,
  type RunMode,
  runRecorded,
  signalExitCode,
} from '../../use-cases/exec/run.js';
import type { WalkSession } from './session.js';

/** Runs `work` with Ctrl-C handed to `onInterrupt` instead of ending the walk. */
export async function withCtrlC<T>(onInterrupt: () => void, work: () => Promise<T>): Promise<T> {
  process.on('SIGINT', onInterrupt);
  try {
    return await work();
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** Runs `work` so that Ctrl-C aborts it (through the signal), never the walk. */
export function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  return withCtrlC(
    () => controller.abort(),
    () => work(controller.signal),
  );
}

interface Spinner {
  text: string;
  stop(): void;
}

/**
 * Only while something runs: it says what, and how to stop it. On one row (the
 * spinner redraws it in place; a wrapped row would leave copies behind).
 */
export async function startSpinner(s: WalkSession, text: string): Promise<Spinner> {
  const { default: ora } = await import('ora');
  // The spinner's frame and a blank take two columns.
  const oneRow = (t: string) => truncate(t, s.width - 2);
  const spinner = ora({
    text: oneRow(text),
    stream: s.ctx.stdout as NodeJS.WritableStream,
  }).start();
  return {
    get text() {
      return spinner.text;
    },
    set text(t: string) {
      spinner.text = oneRow(t);
    },
    stop: () => spinner.stop(),
  };
}

/** What the command left for the next ones, in a word: the responder sees it was kept. */
export function sayCarried(s: WalkSession, change: ShellChange | undefined): void {
  if (!change) return;
  const set = Object.keys(change.set);
  const parts = [
    ...(set.length ? [`${set.join(', ')} set`] : []),
    ...(change.unset.length ? [`${change.unset.join(', ')} unset`] : []),
    ...(change.cwd !== undefined ? [`now in ${change.cwd}`] : []),
  ];
  if (parts.length) s.say(s.c.dim(safeLine(`  For the next commands: ${parts.join('; ')}.`)));
}

/**
 * How a filled-in command runs: a script (or a builtin such as `cd`, its words
 * quoted one by one) in the walk's shell, statement by statement; any other
 * argument vector as it is, no shell involved.
 */
function howToRun(filled: Prepared, s: WalkSession) {
  const builtin = !filled.shell && runsInShell(filled.argv[0]);
  if (!filled.shell && !builtin) return { argv: filled.argv };
  const script = builtin ? filled.argv.map(shellQuote).join(' ') : (filled.argv[0] ?? '');
  return {
    argv: [script],
    shell: filled.shell ?? 'sh',
    walkShell: { state: s.walkShell, lines: scriptLines(script) },
  };
}

/**
 * Runs a step's filled-in command and records it (command.started, then
 * command.finished), in the walk's shell state: the environment and directory
 * the walk's earlier commands left (domain/walk/carried.ts). `inherit` streams
 * it live on the terminal; `capture` keeps its output for the tail. Secret
 * values are scrubbed from what is recorded. If oncall is told to stop
 * meanwhile (SIGTERM, SIGHUP), the command's end is recorded, the walk paused
 * where it is, and oncall exits 128+n.
 */
export async function runAndRecord(
  s: WalkSession,
  stepId: string,
  filled: Prepared,
  mode: RunMode,
  signal: AbortSignal,
  command?: number,
  /** A wait step's check: its attempt number. */
  poll?: number,
): Promise<RecordedRunResult> {
  const secrets = new Set(s.secrets.values());
  const values = Object.fromEntries(
    Object.entries(filled.env ?? {}).filter(([, value]) => !secrets.has(value)),
  );
  const result = await runRecorded(s.ctx, s.ref, {
    ...howToRun(filled, s),
    env: { ...s.commandEnv(), ...filled.env },
    ...(filled.env ? { values } : {}),
    cwd: s.commandCwd(),
    stepId,
    ...(command !== undefined ? { command } : {}),
    drill: s.drill,
    mode,
    secrets: [...s.secrets.values(), ...s.shellSecrets.values()],
    config: s.config,
    signal,
    ...(poll !== undefined ? { poll } : {}),
  });
  if (result.shellOutcome) s.keepShellSecrets(result.shellOutcome);
  if (result.stoppedBy) {
    s.say();
    s.say(`Stopped by ${result.stoppedBy}: the command was stopped and how it ended is recorded.`);
    s.pause();
    throw new OncallError('', signalExitCode(result.stoppedBy));
  }
  return result;
}
