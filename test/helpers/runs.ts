// A recorded command run, as the fold keeps it: for tests of what the texts say
// about commands (ranked, repeated, did not work).
import type { CommandRun } from '../../src/domain/incident/fold.js';

let n = 0;

/** A run of `argv` that ended with `exitCode`, started at 03:`minute` UTC on 2026-11-22. */
export function commandRun(
  argv: string[],
  exitCode: number,
  minute: number,
  extra: Partial<CommandRun> = {},
): CommandRun {
  n += 1;
  const startedAt = new Date(Date.UTC(2026, 10, 22, 3, minute)).toISOString();
  return {
    runId: `r${n}`,
    argv,
    cwd: '/',
    startedAt,
    actor: 'alice@host',
    finishedAt: startedAt,
    exitCode,
    durationMs: 1200,
    ...extra,
  };
}
