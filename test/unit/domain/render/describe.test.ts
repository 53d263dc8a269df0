// A command typed in the responder's own shell reads as the line they typed,
// told apart from one oncall ran; one oncall ran through a named shell keeps it.
import { describe, expect, it } from 'vitest';
import { commandText } from '../../../../src/domain/incident/command-line.js';
import { foldIncident } from '../../../../src/domain/incident/fold.js';
import { describeEvent } from '../../../../src/domain/render/describe.js';
import { event } from '../../../helpers/events.js';

const opened = event('incident.opened', '2026-03-12T02:10:00.000Z', {
  title: 'Checkout down',
  severity: 'SEV2',
});

describe('a typed command in words', () => {
  it('is the line as typed, in the shell it was typed in, with its result', () => {
    const started = event('command.started', '2026-03-12T02:11:00.000Z', {
      runId: 'r1',
      argv: ['kubectl -n web get pods | grep -v Running'],
      shell: 'zsh',
      via: 'shell',
      cwd: '/home/alice',
    });
    const finished = event('command.finished', '2026-03-12T02:11:02.000Z', {
      runId: 'r1',
      exitCode: 1,
      durationMs: 2000,
      outputTail: '',
    });
    const state = foldIncident([opened, started, finished]);
    const runs = new Map(state.commands.map((r) => [r.runId, r]));
    expect(describeEvent(started, runs)).toBe(
      'typed in zsh: `kubectl -n web get pods | grep -v Running` → failed, exit 1 (2s)',
    );
    expect(state.commands[0]?.via).toBe('shell');
  });

  it('keeps the shell of a script oncall ran, and quotes an argument vector', () => {
    expect(commandText({ argv: ['echo hi | wc -c'], shell: 'bash' })).toBe(
      "bash -c 'echo hi | wc -c'",
    );
    expect(commandText({ argv: ['grep', 'a b', 'f'] })).toBe("grep 'a b' f");
  });
});
