// The run's temporary folders live under one folder that the run removes at its end
// (test/setup/temp.ts): a suite run used to leave several hundred in /tmp.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('temporary folders', () => {
  it('are made in the run’s own folder, in the worker and in what it spawns', () => {
    const made = mkdtempSync(join(tmpdir(), 'oncall-probe-'));
    expect(basename(dirname(made))).toMatch(/^oncall-tests-/);
    const child = spawnSync(process.execPath, ['-p', 'require("node:os").tmpdir()'], {
      encoding: 'utf8',
    });
    expect(child.stdout.trim()).toBe(dirname(made));
  });
});
