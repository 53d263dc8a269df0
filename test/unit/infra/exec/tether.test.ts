// Tying a command to oncall's life: on Linux through setpriv, with the argument
// vector passed on untouched; a command that cannot be found is left as it is,
// so "not found" stays oncall's own message.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tethered } from '../../../../src/infra/exec/tether.js';

const env = { PATH: process.env.PATH };

describe('tethered', () => {
  it('runs a command found on PATH through setpriv --pdeathsig KILL, words untouched', () => {
    const words = ['-c', 'echo "$1"; rm -rf /nope', 'x y', '', '$(whoami)'];
    expect(tethered('sh', words, env, '/')).toEqual([
      expect.stringMatching(/^\/(usr\/)?bin\/setpriv$/),
      ['--pdeathsig', 'KILL', '--', 'sh', ...words],
    ]);
  });

  it('finds a command by a path with a slash, relative to the cwd it will run in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-tether-'));
    writeFileSync(join(dir, 'probe.sh'), '#!/bin/sh\n');
    chmodSync(join(dir, 'probe.sh'), 0o755);
    expect(tethered('./probe.sh', ['a'], env, dir)[1]).toEqual([
      '--pdeathsig',
      'KILL',
      '--',
      './probe.sh',
      'a',
    ]);
    // Not executable: left alone, and the spawn says why.
    writeFileSync(join(dir, 'plain.txt'), 'x');
    expect(tethered('./plain.txt', [], env, dir)).toEqual(['./plain.txt', []]);
  });

  it('leaves a command it cannot find as it is', () => {
    expect(tethered('no-such-command-here', ['a'], env, '/')).toEqual([
      'no-such-command-here',
      ['a'],
    ]);
    expect(tethered('sh', [], {}, '/')).toEqual(['sh', []]);
  });
});
