// What one command of a walk leaves for the next: the difference between what
// its shell was given and what it ended with, folded from the log (the own
// responder's commands only), and the environment the next command starts with.
import { describe, expect, it } from 'vitest';
import type { EventInput, OncallEvent } from '../../../../src/domain/incident/events.js';
import {
  carriedEnv,
  ShellFold,
  shellChange,
  stepSetting,
} from '../../../../src/domain/walk/carried.js';
import { makeEvent } from '../../../../src/infra/store/log.js';

const now = new Date('2026-03-12T02:10:00.000Z');
const event = (input: EventInput, actor = 'alice@host'): OncallEvent =>
  makeEvent(input, { incident: 'i', actor, now });
const finished = (fields: Partial<EventInput<'command.finished'>>, actor?: string) =>
  event(
    {
      type: 'command.finished',
      runId: 'r',
      exitCode: 0,
      durationMs: 1,
      outputTail: '',
      stepId: 's1',
      ...fields,
    },
    actor,
  );

describe('shellChange', () => {
  it('keeps what was set, changed and unset, and the directory when it moved', () => {
    const before = { HOME: '/h', NS: 'old', GONE: 'x', PATH: '/bin' };
    const after = { HOME: '/h', NS: 'web', POD: 'pod-1', PATH: '/bin' };
    expect(shellChange(before, after, '/srv', '/srv/app')).toEqual({
      set: { NS: 'web', POD: 'pod-1' },
      unset: ['GONE'],
      cwd: '/srv/app',
    });
    expect(shellChange(before, before, '/srv', '/srv')).toEqual({ set: {}, unset: [] });
  });

  it("never carries what every shell sets itself, nor oncall's own driver variables", () => {
    const after = {
      _: '/usr/bin/env',
      PWD: '/x',
      OLDPWD: '/y',
      SHLVL: '2',
      IFS: ',',
      __oncall_at: '3',
      __oncall_line_1: 'export A=1',
      'BASH_FUNC_f%%': '() { :; }',
      A: '1',
    };
    expect(shellChange({}, after, '/', undefined).set).toEqual({ A: '1' });
  });
});

describe('ShellFold', () => {
  it("sums the own responder's changes; a teammate's commands ran in their terminal", () => {
    const fold = new ShellFold('alice@host');
    fold.add(finished({ variables: { NS: 'web', POD: 'p1' }, cwdAfter: '/srv' }));
    fold.add(finished({ variables: { NS: 'db' } }, 'bob@host'));
    fold.add(finished({ withheld: ['TOKEN'], unset: ['POD'] }));
    fold.add(finished({ variables: { POD: 'p2' }, stepId: undefined })); // `oncall run`: not the walk's
    expect(fold.shell).toEqual({
      vars: { NS: 'web' },
      withheld: new Set(['TOKEN']),
      unset: new Set(['POD']),
      cwd: '/srv',
    });
  });

  it('starts afresh when a runbook is attached again', () => {
    const fold = new ShellFold('alice@host');
    fold.add(finished({ variables: { NS: 'web' } }));
    fold.add(
      event({
        type: 'runbook.attached',
        runbook: { id: 'r', title: 'R', file: '/r.md', hash: 'h' },
      }),
    );
    expect(fold.shell.vars).toEqual({});
  });
});

describe('carriedEnv', () => {
  it("is the responder's environment, without what the walk unset, with what it set", () => {
    const shell = {
      vars: { NS: 'web' },
      withheld: new Set(['TOKEN', 'LOST']),
      unset: new Set(['KUBECONFIG']),
    };
    const env = carriedEnv(
      { PATH: '/bin', KUBECONFIG: '/k', NS: 'prod' },
      shell,
      new Map([['TOKEN', 't0k3n']]),
    );
    // A withheld value this session did not see (a resume) is simply not there.
    expect(env).toEqual({ PATH: '/bin', NS: 'web', TOKEN: 't0k3n' });
  });
});

describe('stepSetting', () => {
  const cmd = (source: string) => ({ argv: [source], shell: 'sh', source });
  const runbook = {
    id: 'r',
    title: 'R',
    services: [],
    alerts: [],
    contacts: [],
    file: '/r.md',
    hash: 'h',
    annotated: false,
    steps: [
      {
        id: 'a',
        kind: 'manual' as const,
        title: 'A',
        body: '',
        line: 1,
        commands: [cmd('kubectl get ns')],
      },
      {
        id: 'b',
        kind: 'manual' as const,
        title: 'B',
        body: '',
        line: 5,
        commands: [cmd('export NS="$(x)"\nDB=orders')],
      },
      {
        id: 'c',
        kind: 'manual' as const,
        title: 'C',
        body: '',
        line: 9,
        commands: [cmd('read -r -p "pod? " POD')],
      },
    ],
  };

  it('finds the step that assigns, exports or reads the variable', () => {
    expect(stepSetting(runbook, 'NS')?.id).toBe('b');
    expect(stepSetting(runbook, 'DB')?.id).toBe('b');
    expect(stepSetting(runbook, 'POD')?.id).toBe('c');
    expect(stepSetting(runbook, 'N')).toBeUndefined();
    expect(stepSetting(runbook, 'a.b')).toBeUndefined();
  });
});
