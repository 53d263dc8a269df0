// Which typed lines become events, and the pair each one becomes, whatever
// each shell sends (bash only at the end, zsh a start and an end, fish without
// numbers).
import { describe, expect, it } from 'vitest';
import type { ShellRecord } from '../../../../src/domain/capture/record.js';
import { mayRecord, recordsItself, TypedCommands } from '../../../../src/domain/capture/typed.js';

const T = 1_773_281_400_000;

function rec(fields: Partial<ShellRecord>): ShellRecord {
  return {
    kind: 'F',
    shell: 'bash',
    session: 's',
    cwd: '/srv',
    command: 'kubectl get pods',
    arrivedAtMs: T + 2000,
    startMs: T,
    endMs: T + 1500,
    durationMs: 1500,
    exitCode: 0,
    ...fields,
  };
}

const ids = () => {
  let n = 0;
  return () => `run-${++n}`;
};

describe('what is recorded', () => {
  it('not a line starting with a space, an empty one, or oncall recording itself', () => {
    expect(mayRecord('kubectl get pods')).toBe(true);
    expect(mayRecord(' kubectl get secret x -o yaml')).toBe(false);
    expect(mayRecord('\tls')).toBe(false);
    expect(mayRecord('')).toBe(false);
    expect(mayRecord('exit 3')).toBe(false);
    expect(mayRecord('exit-code-of-last')).toBe(true);
    expect(recordsItself('oncall note "db is back"')).toBe(true);
    expect(recordsItself('./bin/oncall run -- kubectl get pods')).toBe(true);
    expect(recordsItself('npx oncall status')).toBe(true);
    expect(recordsItself('oncall note x && kubectl delete pod web-1')).toBe(false);
    expect(recordsItself('oncallish --help')).toBe(false);
  });
});

describe('a typed command as events', () => {
  it('bash: started and finished together, at the times the shell saw', () => {
    const typed = new TypedCommands(ids());
    const out = typed.take(rec({ pipestatus: [2, 0] }), { outputTail: 'pod/web-1 Running' });
    expect(out.map((o) => [o.input, o.at.getTime()])).toEqual([
      [
        {
          type: 'command.started',
          runId: 'run-1',
          argv: ['kubectl get pods'],
          shell: 'bash',
          via: 'shell',
          cwd: '/srv',
        },
        T,
      ],
      [
        {
          type: 'command.finished',
          runId: 'run-1',
          exitCode: 0,
          durationMs: 1500,
          outputTail: 'pod/web-1 Running',
          pipestatus: [2, 0],
        },
        T + 1500,
      ],
    ]);
  });

  it('zsh: the start when it starts, the end with the same run', () => {
    const typed = new TypedCommands(ids());
    const started = typed.take(rec({ kind: 'S', shell: 'zsh', seq: 4, command: 'sleep 30' }));
    expect(started.map((o) => o.input.type)).toEqual(['command.started']);
    const finished = typed.take(rec({ shell: 'zsh', seq: 4, command: 'sleep 30' }));
    expect(finished.map((o) => [o.input.type, 'runId' in o.input && o.input.runId])).toEqual([
      ['command.finished', 'run-1'],
    ]);
  });

  it('fish: a start without a number is closed by the end that follows it', () => {
    const typed = new TypedCommands(ids());
    const fish = { shell: 'fish' as const, seq: undefined };
    typed.take(rec({ ...fish, kind: 'S', command: 'a' }));
    expect(typed.take(rec({ ...fish, command: 'a' })).map((o) => o.input.type)).toEqual([
      'command.finished',
    ]);
    typed.take(rec({ ...fish, kind: 'S', command: 'b' }));
    const b = typed.take(rec({ ...fish, command: 'b' }));
    expect(b.map((o) => 'runId' in o.input && o.input.runId)).toEqual(['run-2']);
  });

  it('nothing for what is not recorded, nor for a command oncall shell only leaves out', () => {
    const typed = new TypedCommands(ids());
    expect(typed.take(rec({ command: ' mysql -pS3cret' }))).toEqual([]);
    expect(typed.take(rec({ command: 'oncall note hi' }))).toEqual([]);
    expect(typed.take(rec({ kind: 'X', command: '' }))).toEqual([]);
  });
});
