import { describe, expect, it } from 'vitest';
import { pollingLine, waitEndLine } from '../../../../src/terminal/walk/wait-words.js';

const failed = { exitCode: 22, outputTail: 'curl: (22) The requested URL returned error: 503\n' };

describe('a polling wait, while it waits', () => {
  it('shows the attempt, the last result and the time left, not only a spinner', () => {
    expect(pollingLine({ attempts: 1, running: true, leftMs: 300_000 })).toBe(
      'Check 1 running · 5m left · Ctrl-C stops the wait',
    );
    expect(pollingLine({ attempts: 3, last: failed, leftMs: 250_000 })).toBe(
      'Check 3 failed, exit 22 · 4m left · Ctrl-C stops the wait · "curl: (22) The requested URL returned error: 503"',
    );
    expect(pollingLine({ attempts: 4, running: true, last: failed, leftMs: 240_000 })).toMatch(
      /^Check 4 running, last exit 22 · 4m left · /,
    );
  });

  it('shows a check that could not start, or was killed, and output that would drive the terminal as codes', () => {
    expect(
      pollingLine({
        attempts: 1,
        last: { exitCode: null, outputTail: '', spawnError: 'ENOENT' },
        leftMs: 1000,
      }),
    ).toBe('Check 1 failed, could not start: ENOENT · 1s left · Ctrl-C stops the wait');
    expect(
      pollingLine({
        attempts: 2,
        last: { exitCode: null, signal: 'SIGTERM', outputTail: '\x1b]52;c;eA==\x07' },
        leftMs: 0,
      }),
    ).toBe(
      'Check 2 failed, killed by SIGTERM · 0s left · Ctrl-C stops the wait · "\\x1b]52;c;eA==\\x07"',
    );
  });
});

describe('a polling wait, when it stops', () => {
  it('sums the whole wait up in one line', () => {
    expect(waitEndLine('passed', { attempts: 1 }, 400)).toBe('✓ it passed on the first check (0s)');
    expect(
      waitEndLine('passed', { attempts: 4, last: { exitCode: 0, outputTail: '' } }, 90_000),
    ).toBe('✓ it passed on check 4, after 1m');
    expect(waitEndLine('timed-out', { attempts: 9, last: failed }, 300_000)).toBe(
      'the check failed 9 times, last exit 22; gave up',
    );
    expect(waitEndLine('cancelled', { attempts: 3, last: failed }, 30_000)).toBe(
      'Wait stopped after 3 checks; back to the step.',
    );
  });
});
