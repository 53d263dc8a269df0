// How a step's command gets the terminal: a check's output is captured, a
// program one types into (psql, a shell in a pod) has the terminal to itself,
// anything else streams its output while it is kept for the log.
import { describe, expect, it } from 'vitest';
import type { CommandSpec, Step } from '../../../../src/domain/runbook/types.js';
import { modeOf } from '../../../../src/terminal/walk/command.js';

const spec = (extra: Partial<CommandSpec> = {}): CommandSpec => ({
  argv: ['psql', '-h', 'db1'],
  source: 'psql -h db1',
  ...extra,
});
const step = (kind: 'check' | 'run' | 'manual'): Step =>
  kind === 'manual'
    ? { id: 's', kind, title: 'S', body: '', line: 1, commands: [spec()] }
    : { id: 's', kind, title: 'S', body: '', line: 1, command: spec(), onFailure: 'ask' };

describe('modeOf', () => {
  it('captures a check, gives an interactive program the terminal, streams the rest', () => {
    expect(modeOf(step('check'))).toBe('capture');
    expect(modeOf(step('manual'), spec({ interactive: true }))).toBe('terminal');
    expect(modeOf(step('manual'), spec())).toBe('inherit');
    expect(modeOf(step('run'))).toBe('inherit');
  });
});
