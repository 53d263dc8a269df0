// `oncall run` passes the command's output on whole, however much there is,
// and keeps only its end for the log: `kubectl logs` of a busy pod prints
// gigabytes. A limit on what was held once ended such a command at 10 MB
// (SIGPIPE), so the responder lost the rest. The built bin, its output to a
// file, as `oncall run -- kubectl logs … > pod.log` does.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvents, sandbox, startIncident } from '../../helpers/cli.js';
import { BIN } from '../../helpers/paths.js';

describe('oncall run with a lot of output', () => {
  it('passes on all of it, the command ends as it would, and the log keeps its last lines', async () => {
    const box = sandbox();
    await startIncident(box);
    const file = join(box.dir, 'pod.log');
    const out = openSync(file, 'w');
    // 24 MB of 100-character lines, then two last lines.
    const script = `yes '${'x'.repeat(99)}' | head -n 240000; echo 'second to last'; echo 'the end'`;
    const r = spawnSync(process.execPath, [BIN, 'run', '--shell', 'sh', '--', script], {
      cwd: box.cwd,
      env: box.env,
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });
    closeSync(out);
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(file).size).toBe(240_000 * 100 + 'second to last\nthe end\n'.length);
    expect(readFileSync(file, 'utf8').endsWith('second to last\nthe end\n')).toBe(true);
    const finished = readEvents(box).find((e) => e.type === 'command.finished');
    expect(finished).toMatchObject({ exitCode: 0 });
    expect(finished?.signal).toBeUndefined();
    const tail = String(finished?.outputTail).split('\n');
    expect(tail).toHaveLength(20);
    expect(tail.slice(-3)).toEqual(['x'.repeat(99), 'second to last', 'the end']);
  });
});
