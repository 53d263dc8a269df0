// A wait step: a countdown, or a command polled until it passes or time is up.
// While it polls, the screen says which check this is and what the last one
// gave; when it stops, one line sums the whole wait up (wait-words.ts), and the
// log counts its checks in the step.waited event. Ctrl-C stops the wait and
// goes back to the step; a poll that never passes is a failure like any other
// (the failure menu, "Retry" waits again).

import { formatDuration } from '../../domain/incident/time.js';
import { prepareCommand } from '../../domain/runbook/command-text.js';
import type { WaitStep } from '../../domain/runbook/types.js';
import type { RecordedRunResult } from '../../use-cases/exec/run.js';
import { onFailure } from './failure.js';
import { interruptible, runAndRecord, startSpinner } from './process.js';
import type { Turn, WalkSession } from './session.js';
import { type Polling, pollingLine, waitEndLine } from './wait-words.js';

type WaitOutcome = 'elapsed' | 'passed' | 'timed-out' | 'cancelled';

interface Waited {
  outcome: WaitOutcome;
  waitedMs: number;
  /** The checks run and the last one's result (a countdown runs none). */
  attempts: number;
  last?: RecordedRunResult;
}

export async function waitStep(s: WalkSession, step: WaitStep): Promise<Turn> {
  for (;;) {
    const waited = await waitOnce(s, step);
    const { outcome, waitedMs, attempts, last } = waited;
    s.act({ type: 'waited', outcome, waitedMs, ...(step.until ? { polls: attempts } : {}) });
    if (outcome === 'elapsed') {
      s.say(s.c.green('✓ time is up'));
      s.act({ type: 'complete' });
      return 'again';
    }
    const summary = waitEndLine(outcome, { attempts, last }, waitedMs);
    if (outcome === 'passed') {
      s.say(s.c.green(summary));
      s.act({ type: 'complete' });
      return 'again';
    }
    if (outcome === 'cancelled') {
      s.say(s.c.yellow(summary));
      return 'again';
    }
    // Timed out: shown as a command that could not do its job, with the last check's output.
    const result: RecordedRunResult = {
      runId: last?.runId ?? '',
      exitCode: last?.exitCode ?? null,
      durationMs: waitedMs,
      outputTail: last?.outputTail ?? '',
      interrupted: false,
    };
    const next = await onFailure(s, step, result, { mode: 'capture', why: summary });
    if (next !== 'retry') return next;
  }
}

function waitOnce(s: WalkSession, step: WaitStep): Promise<Waited> {
  return interruptible(async (signal) => {
    const began = s.ctx.now().getTime();
    const elapsed = () => s.ctx.now().getTime() - began;
    const limit = step.seconds * 1000;
    const polling: Polling = { attempts: 0, leftMs: limit };
    let last: RecordedRunResult | undefined;
    const spinner = await startSpinner(s, 'Waiting · Ctrl-C stops the wait');
    const tick = () => {
      const leftMs = Math.max(0, limit - elapsed());
      spinner.text = step.until
        ? pollingLine({ ...polling, leftMs })
        : `Waiting: ${formatDuration(leftMs)} left · Ctrl-C stops the wait`;
    };
    // The time left counts down between checks too.
    const ticker = setInterval(tick, 1000);
    const ended = (outcome: WaitOutcome): Waited => ({
      outcome,
      waitedMs: elapsed(),
      attempts: polling.attempts,
      ...(last ? { last } : {}),
    });
    try {
      if (!step.until) {
        while (elapsed() < limit) {
          tick();
          await pauseFor(Math.min(1000, limit - elapsed()), signal);
          if (signal.aborted) return ended('cancelled');
        }
        return ended('elapsed');
      }
      const filled = prepareCommand(step.until, s.variables(false), s.secrets);
      for (;;) {
        polling.attempts += 1;
        polling.running = true;
        tick();
        last = await runAndRecord(
          s,
          step.id,
          filled,
          'capture',
          signal,
          undefined,
          polling.attempts,
        );
        polling.running = false;
        polling.last = last;
        if (signal.aborted) return ended('cancelled');
        if (last.exitCode === 0) return ended('passed');
        if (elapsed() >= limit) return ended('timed-out');
        tick();
        await pauseFor(Math.min((step.intervalSeconds ?? 10) * 1000, limit - elapsed()), signal);
        if (signal.aborted) return ended('cancelled');
      }
    } finally {
      clearInterval(ticker);
      spinner.stop();
    }
  });
}

/** A wait that ends early when aborted (Ctrl-C). */
function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
