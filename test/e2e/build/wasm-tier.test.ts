// The shell parser's WebAssembly runs on V8's baseline code only
// (src/domain/runbook/shell.ts): the optimising compiler's job for the
// grammar's lexer, once started, holds the process open about half a second
// after the command is done (Node waits for it as it exits). Seen, not timed:
// V8 names each function it compiles and the compiler it used
// (--trace-wasm-compilation-times, on its command line, so it leaves the flags
// the parser sets at run time alone), on the Node running the tests: CI runs
// them on Node 20, 22 and 24, and a flag that worked on one was ignored on 24.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../helpers/cli.js';
import { BIN, ROOT } from '../../helpers/paths.js';

describe('the shell parser', () => {
  it('never starts the optimising compiler, however many commands a runbook holds', () => {
    const box = sandbox();
    const dir = join(ROOT, 'examples', 'runbooks');
    const runbooks = readdirSync(dir)
      .filter((name) => name !== 'README.md')
      .map((name) => join(dir, name));
    // Lint parses every command of every runbook, none of them cached yet.
    const r = spawnSync(
      process.execPath,
      ['--trace-wasm-compilation-times', BIN, 'runbook', 'lint', ...runbooks],
      { cwd: box.cwd, env: box.env, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    // A flag a later V8 no longer has is said on stderr, where the responder reads.
    expect(r.stderr).not.toContain('unrecognized flag');
    const compiled = r.stdout.split('\n').filter((line) => line.startsWith('Compiled function'));
    expect(compiled.filter((line) => line.includes('using Liftoff')).length).toBeGreaterThan(20);
    expect(compiled.filter((line) => !line.includes('using Liftoff'))).toEqual([]);
  });
});
