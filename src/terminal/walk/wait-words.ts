// What a wait step says: while it polls, the attempt and the last result (not
// only a spinner); when it stops, one line for the whole wait. Pure words: a
// wait is one item, its checks are counted in it, never listed one by one.
import { formatDuration } from '../../domain/incident/time.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { RecordedRunResult } from '../../use-cases/exec/run.js';

/** Where a polling wait stands. */
export interface Polling {
  /** Checks started so far. */
  attempts: number;
  /** The latest check is still running. */
  running?: boolean;
  /** The last check's result, once one finished. */
  last?: Pick<RecordedRunResult, 'exitCode' | 'signal' | 'outputTail' | 'spawnError'>;
  /** How long the wait may still go on. */
  leftMs: number;
}

/** The last non-empty line of a check's output, for one row. */
function lastLine(tail: string | undefined): string | undefined {
  const line = (tail ?? '')
    .split('\n')
    .map((l) => l.trim())
    .findLast(Boolean);
  return line ? safeLine(line) : undefined;
}

/** `exit 22` / `killed by SIGTERM` / `could not start: …`. */
function resultWords(last: NonNullable<Polling['last']>): string {
  if (last.spawnError) return `could not start: ${safeLine(last.spawnError)}`;
  if (last.signal) return `killed by ${last.signal}`;
  return `exit ${last.exitCode ?? '?'}`;
}

const checks = (n: number) => `${n} check${n === 1 ? '' : 's'}`;

/**
 * The spinner's line while a check is polled: `Check 3 failed, exit 22 ·
 * 4m 10s left · Ctrl-C stops the wait · "HTTP 503"`; while the next runs,
 * `Check 4 running, last exit 22 · …` (the output last: the row is cut at
 * the screen's edge).
 */
export function pollingLine(p: Polling): string {
  const left = `${formatDuration(Math.max(0, p.leftMs))} left · Ctrl-C stops the wait`;
  const n = Math.max(1, p.attempts);
  if (!p.last) return `Check ${n} running · ${left}`;
  const output = lastLine(p.last.outputTail);
  const state = p.running
    ? `running, last ${resultWords(p.last)}`
    : `failed, ${resultWords(p.last)}`;
  return `Check ${n} ${state} · ${left}${output ? ` · "${output}"` : ''}`;
}

/** The one line a polled wait ends with. */
export function waitEndLine(
  outcome: 'passed' | 'timed-out' | 'cancelled',
  p: Pick<Polling, 'attempts' | 'last'>,
  waitedMs: number,
): string {
  const took = formatDuration(waitedMs);
  if (outcome === 'passed') {
    return p.attempts <= 1
      ? `✓ it passed on the first check (${took})`
      : `✓ it passed on check ${p.attempts}, after ${took}`;
  }
  if (outcome === 'cancelled') return `Wait stopped after ${checks(p.attempts)}; back to the step.`;
  const last = p.last ? `, last ${resultWords(p.last)}` : '';
  return `the check failed ${p.attempts} time${p.attempts === 1 ? '' : 's'}${last}; gave up`;
}
