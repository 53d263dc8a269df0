// End-to-end tests run the built CLI, so dist/ is built first: a stale dist/
// would test yesterday's code. The unit and integration tests do not need it,
// so they do not wait for it: the build runs in the background while they
// run (the sequencer, test/setup/sequencer.ts, gives the workers integration
// files first), and each end-to-end file waits until it is done
// (test/setup/built.ts). The run ends only once the build has.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file that holds the build's exit code once it has ended. */
    built: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const built = join(mkdtempSync(join(tmpdir(), 'oncall-build-')), 'exit-code');
  const build = spawn(process.execPath, ['build.mjs'], {
    cwd: resolve(import.meta.dirname, '..', '..'),
    stdio: 'inherit',
  });
  const ended = new Promise<void>((done) => {
    build.on('error', (error) => {
      console.error(`the build of dist/ did not start: ${error.message}`);
      writeFileSync(built, '1');
      done();
    });
    build.on('close', (code) => {
      writeFileSync(built, String(code ?? 1));
      done();
    });
  });
  project.provide('built', built);
  return () => ended;
}
