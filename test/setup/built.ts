// Before each end-to-end file: dist/ as the build that started with this run
// made it (test/setup/build.ts), waited for here, not found stale.
import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';

const built = inject('built');
const started = Date.now();
while (!existsSync(built)) {
  if (Date.now() - started > 120_000)
    throw new Error('the build of dist/ did not end in 2 minutes');
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const code = readFileSync(built, 'utf8');
if (code !== '0') throw new Error(`the build of dist/ failed (exit ${code}): its output is above`);
