// End-to-end tests run the built CLI, so build it once before any test runs:
// a stale dist/ would test yesterday's code.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, ['build.mjs'], {
    cwd: resolve(import.meta.dirname, '..', '..'),
    stdio: 'inherit',
  });
}
