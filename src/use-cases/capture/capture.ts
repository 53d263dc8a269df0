// `oncall capture on|off` for the terminal it is typed in, and the end of
// every capture of an incident when it is resolved. A child process cannot
// change its shell: `capture on` makes the terminal's FIFO and starts its
// recorder, and the hook sees the recorder's `.on` file at its next prompt
// (one stat); `capture off` removes that file and stops the recorder.
import type { Context, Started } from '../../context.js';
import { UsageError } from '../../errors.js';
import { makeFifo } from '../../infra/capture/fifo.js';
import { isAncestor, processAlive, stopProcess } from '../../infra/capture/processes.js';
import {
  captureDir,
  capturesIn,
  ensureCaptureDir,
  orphanFifos,
  readOn,
  removeFiles,
  SESSION_PATTERN,
  type SessionFiles,
  sessionFiles,
  shellPidOf,
} from '../../infra/capture/sessions.js';
import { loadIncident } from '../journal/load.js';

const NO_HOOK =
  'this terminal has no oncall hook. Add eval "$(oncall hook bash)" at the end of ~/.bashrc (zsh: eval "$(oncall hook zsh)" in ~/.zshrc; fish: oncall hook fish | source in config.fish) and open a new terminal, or use `oncall shell`.';

/**
 * How long `capture on` waits for its recorder to hold the FIFO: a new Node
 * process on a loaded laptop can take seconds; one that ended is said at once.
 */
const START_WAIT_MS = 30_000;

/** This terminal's session, as its hook exported it; refused when there is none or it is another shell's. */
function thisTerminal(ctx: Context): SessionFiles {
  if (ctx.env.ONCALL_SHELL) {
    throw new UsageError(
      `this is an oncall shell for ${ctx.env.ONCALL_INCIDENT ?? 'an incident'}: everything typed here is recorded already.`,
    );
  }
  const session = ctx.env.ONCALL_CAPTURE_SESSION ?? '';
  if (!SESSION_PATTERN.test(session)) throw new UsageError(NO_HOOK);
  const shell = shellPidOf(session);
  if (!processAlive(shell) || !isAncestor(shell)) {
    throw new UsageError(
      `ONCALL_CAPTURE_SESSION names another shell (pid ${shell}): this shell did not load the hook. ${NO_HOOK}`,
    );
  }
  return sessionFiles(captureDir(ctx.env), session);
}

/** Files of recorders that are gone (killed outright): removed, so no hook waits on them. */
function sweep(dir: string): void {
  for (const capture of capturesIn(dir)) {
    if (!processAlive(capture.pid)) removeFiles(capture.on, capture.fifo);
  }
  for (const fifo of orphanFifos(dir)) removeFiles(fifo);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CaptureOn {
  incident: string;
  /** It was on already, into this incident. */
  already: boolean;
}

/** Starts recording this terminal's typed commands into the incident (`--incident`, else the active one). */
export async function captureOn(
  ctx: Context,
  options: { incident?: string; drill?: boolean },
): Promise<CaptureOn> {
  const files = thisTerminal(ctx);
  const { ref, state } = loadIncident(ctx, options, { quiet: true });
  if (state.status === 'resolved') {
    throw new UsageError(`${ref.id} is resolved: there is nothing to record into.`);
  }
  if (state.drill && !options.drill) {
    throw new UsageError(
      `${ref.id} is a drill: commands typed are not recorded unless you ask (oncall capture on --drill).`,
    );
  }
  const dir = captureDir(ctx.env);
  ensureCaptureDir(dir);
  sweep(dir);
  const on = readOn(files.on);
  if (on && processAlive(on.pid)) {
    if (on.incident === ref.id) return { incident: ref.id, already: true };
    throw new UsageError(
      `this terminal is recorded into ${on.incident}; \`oncall capture off\` first, then \`oncall capture on\` again.`,
    );
  }
  if (!ctx.startBackground) throw new Error('capture on: no way to start the recorder');
  try {
    makeFifo(files.fifo);
  } catch (error) {
    throw new UsageError(`cannot make this terminal's FIFO: ${(error as Error).message}`);
  }
  const recorder = ctx.startBackground([
    'capture',
    'record',
    '--session',
    files.session,
    '--incident',
    ref.id,
    ...(options.drill ? ['--drill'] : []),
  ]);
  await recorderReady(files, recorder);
  return { incident: ref.id, already: false };
}

/** Waits for the recorder's `.on` file; a recorder that ended or never got ready is said, and stopped. */
async function recorderReady(files: SessionFiles, recorder: Started | undefined): Promise<void> {
  // Real time, on the monotonic clock: a process starting, not the incident's clock.
  const until = performance.now() + START_WAIT_MS;
  while (!readOn(files.on)) {
    const ended = recorder?.ended();
    if (ended !== undefined || performance.now() > until) {
      recorder?.stop();
      removeFiles(files.fifo);
      throw new UsageError(
        ended === undefined
          ? `the recorder did not start within ${START_WAIT_MS / 1000} s; try \`oncall capture on\` again.`
          : `the recorder ended before it was ready (exit code ${ended}); try \`oncall capture on\` again.`,
      );
    }
    await sleep(10);
  }
}

/** Stops recording this terminal; the incident it was recorded into, if it was. */
export function captureOff(ctx: Context): string | undefined {
  const files = thisTerminal(ctx);
  const on = readOn(files.on);
  removeFiles(files.on);
  if (!on) return undefined;
  stopProcess(on.pid);
  return on.incident;
}

/** Ends every terminal's capture into `incident` (it was resolved); how many there were. */
export function endCaptures(ctx: Context, incident: string): number {
  const captures = capturesIn(captureDir(ctx.env)).filter((c) => c.incident === incident);
  for (const capture of captures) {
    removeFiles(capture.on);
    stopProcess(capture.pid);
  }
  return captures.length;
}
