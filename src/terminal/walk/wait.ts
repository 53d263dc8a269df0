// A wait step: a countdown, or a command polled until it passes or time is up.
// Ctrl-C stops the wait and goes back to the step; a poll that never passes is
// a failure like any other (the failure menu, "Retry" waits again).

import { formatDuration } from '../../domain/incident/time.js';
import { prepareCommand } from '../../domain/runbook/command-text.js';
import type { WaitStep } from '../../domain/runbook/types.js';
import type { RecordedRunResult } from '../../use-cases/exec/run.js';
import { onFailure } from './failure.js';
import { interruptible, runAndRecord, startSpinner } from './process.js';
import type { Turn, WalkSession } from './session.js';

type WaitOutcome = 'elapsed' | 'passed' | 'timed-out' | 'cancelled';

export async function waitStep(s: WalkSession, step: WaitStep): Promise<Turn> {
  for (;;) {
    const { outcome, waitedMs } = await waitOnce(s, step);
    s.act({ type: 'waited', outcome, waitedMs });
    if (outcome === 'elapsed' || outcome === 'passed') {
      s.say(s.c.green(outcome === 'passed' ? '✓ it passed' : '✓ time is up'));
      s.act({ type: 'complete' });
      return 'again';
    }
    if (outcome === 'cancelled') {
      s.say(s.c.yellow('Wait stopped; back to the step.'));
      return 'again';
    }
    // Timed out: shown as a command that could not do its job, so the menu reads the same.
    const result: RecordedRunResult = {
      runId: '',
      exitCode: null,
      durationMs: waitedMs,
      outputTail: '',
      interrupted: false,
    };
    const next = await onFailure(s, step, result, {
      mode: 'inherit',
      why: 'the check kept failing; gave up',
    });
    if (next !== 'retry') return next;
  }
}

function waitOnce(
  s: WalkSession,
  step: WaitStep,
): Promise<{ outcome: WaitOutcome; waitedMs: number }> {
  return interruptible(async (signal) => {
    const began = s.ctx.now().getTime();
    const elapsed = () => s.ctx.now().getTime() - began;
    const limit = step.seconds * 1000;
    const spinner = await startSpinner(s, 'Waiting · Ctrl-C stops the wait');
    const tick = () => {
      spinner.text = `Waiting: ${formatDuration(Math.max(0, limit - elapsed()))} left · Ctrl-C stops the wait`;
    };
    const ended = (outcome: WaitOutcome) => ({ outcome, waitedMs: elapsed() });
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
        tick();
        const result = await runAndRecord(s, step.id, filled, 'capture', signal);
        if (signal.aborted) return ended('cancelled');
        if (result.exitCode === 0) return ended('passed');
        if (elapsed() >= limit) return ended('timed-out');
        await pauseFor(Math.min((step.intervalSeconds ?? 10) * 1000, limit - elapsed()), signal);
        if (signal.aborted) return ended('cancelled');
      }
    } finally {
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
