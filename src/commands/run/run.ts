// `oncall run -- <cmd> [args…]`: run with the terminal attached, record it, exit with its code.

import type { Context } from '../../context.js';
import { formatDuration } from '../../domain/incident/time.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { peerLogFiles, resolvedInTails } from '../../infra/store/all-logs.js';
import { resolveIncident } from '../../infra/store/incidents.js';
import { runRecorded, signalExitCode } from '../../use-cases/exec/run.js';
import { homeOf } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import { resolvedNotice } from '../shared/resolved-notice.js';
import type { runCommand } from './definition.js';

type RunOptions = OptionsOf<typeof runCommand>;

export async function run(ctx: Context, options: RunOptions): Promise<void> {
  if (options.argv.length === 0)
    throw new UsageError('nothing to run: oncall run -- <command> [args…]');
  if (!options.argv[0]?.trim()) {
    throw new UsageError('the command name is empty: oncall run -- <command> [args…]');
  }
  if (options.shell && options.argv.length !== 1) {
    throw new UsageError(
      '--shell takes one command line: oncall run --shell bash -- "cmd | grep x"',
    );
  }
  const ref = resolveIncident(homeOf(ctx), options.incident);
  const config = await loadConfig(ctx.cwd, ctx.env);
  // Ctrl-C reaches the whole process group: it is the command's to handle.
  // We stay alive to record how it ended.
  const keepRecording = () => {};
  process.on('SIGINT', keepRecording);
  let result: Awaited<ReturnType<typeof runRecorded>>;
  try {
    result = await runRecorded(ctx, ref, {
      argv: options.argv,
      ...(options.shell ? { shell: options.shell } : {}),
      cwd: ctx.cwd,
      mode: 'inherit',
      config,
    });
  } finally {
    process.off('SIGINT', keepRecording);
  }
  const shown = options.shell ? options.argv[0] : options.argv.join(' ');
  if (result.spawnError) {
    // What could not start is the program: the shell, when one was asked for.
    const program = options.shell ?? options.argv[0] ?? '';
    throw new OncallError(
      `could not start ${safeLine(program)}: ${safeLine(result.spawnError.split('\n')[0] ?? '')} (recorded)`,
      127,
    );
  }
  const outcome = result.signal ? `killed by ${result.signal}` : `exit ${result.exitCode}`;
  const stopped = result.stoppedBy ? ` (oncall got ${result.stoppedBy} and passed it on)` : '';
  ctx.stderr.write(
    `oncall: recorded \`${safeLine(shown ?? '')}\`: ${outcome} after ${formatDuration(result.durationMs)}${stopped}\n`,
  );
  // Recorded into an incident that is over: said, with the way to a new one.
  const resolvedAt = resolvedInTails([ref.file, ...peerLogFiles(ref.dir)]);
  if (resolvedAt) ctx.stderr.write(resolvedNotice(ref.id, resolvedAt, ctx.env.TZ, 'the command'));
  // Told to stop, oncall ends as that signal would have ended it, whatever the command did.
  if (result.stoppedBy) throw new OncallError('', signalExitCode(result.stoppedBy));
  if (result.exitCode !== 0) {
    // A command killed by a signal exits like a shell reports it: 128 + signal number.
    const bySignal = result.signal ? signalExitCode(result.signal) : 1;
    throw new OncallError('', result.exitCode ?? bySignal);
  }
}
