// The walk's shell, run for real by sh and by bash: the runbook's statements
// evaluated one by one, the first failure stopping the rest, and what the shell
// was left with (any value, newlines and all) read back; where `env` has no
// `-0`, node writes the same.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptLines } from '../../../../src/domain/walk/lines.js';
import { parseEnvDump, WalkShell } from '../../../../src/infra/exec/walk-shell.js';

const state = new WalkShell();
afterAll(() => state.close());

function run(shell: string, script: string, env: NodeJS.ProcessEnv = process.env, cwd?: string) {
  const { args, env: driver } = state.invocation(scriptLines(script));
  const result = spawnSync(shell, args, { env: { ...env, ...driver }, cwd, encoding: 'utf8' });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    end: state.ended(),
  };
}

describe.each(['sh', 'bash'])('the walk shell under %s', (shell) => {
  it('leaves exports, plain assignments (even with newlines) and the directory to read back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-ws-'));
    const r = run(shell, `export NS="$(echo web)"\nNOTE='two\nlines'\ncd "${dir}"`);
    expect(r.status).toBe(0);
    expect(r.end?.env).toMatchObject({ NS: 'web', NOTE: 'two\nlines' });
    expect(r.end?.cwd).toBe(dir);
  });

  it('stops at the first failing line: its number, and nothing after it runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-ws-'));
    const r = run(shell, 'echo one\ncd not-there\ntouch ran-anyway', process.env, dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('one\n');
    expect(r.end?.at).toBe(2);
    expect(existsSync(join(dir, 'ran-anyway'))).toBe(false);
  });

  it('`exit 3` in the middle ends it with 3 at that line; after `set +e` it goes on', () => {
    expect(run(shell, 'true\nexit 3\necho after')).toMatchObject({ status: 3, end: { at: 2 } });
    const goes = run(shell, 'set +e\nfalse\necho went on');
    expect(goes).toMatchObject({ status: 0, stdout: 'went on\n' });
  });

  it('reads the same without `env -0` (node writes the environment instead)', () => {
    const bin = mkdtempSync(join(tmpdir(), 'oncall-ws-bin-'));
    writeFileSync(join(bin, 'env'), '#!/bin/sh\necho "env: illegal option -- 0" >&2\nexit 1\n');
    chmodSync(join(bin, 'env'), 0o755);
    const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };
    const r = run(shell, 'set -eu\nexport NS=web', env);
    expect(r.end?.env.NS).toBe('web');
  });
});

describe('WalkShell', () => {
  it('keeps its private folder until the walk closes it', () => {
    const own = new WalkShell();
    const dir = own.invocation(scriptLines('true')).env.__oncall_state ?? '';
    expect(existsSync(dir)).toBe(true);
    own.close();
    expect(existsSync(dir)).toBe(false);
    expect(own.ended()).toBeUndefined();
  });
});

describe('parseEnvDump', () => {
  it('splits NUL-separated NAME=value records at the first =', () => {
    expect(parseEnvDump('A=1\0B=x=y\0C=two\nlines\0')).toEqual({
      A: '1',
      B: 'x=y',
      C: 'two\nlines',
    });
  });
});
