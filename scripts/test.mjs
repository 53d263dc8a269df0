// `npm test`: the type check, the lint and knip (package.json's typecheck, lint
// and knip scripts) run while vitest does, not before it. Each of them is one
// process that waits on little, and vitest's workers wait on the processes and
// timers of their tests: on a 2-core machine the checks fit in what vitest
// leaves idle, where one after the other they added ~8 s. Vitest's output comes as it runs; each check's comes after it,
// whole, under its name. Fails when any of the four fails. Arguments go to
// vitest (`npm test -- test/unit`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// As npm runs a script: the package's own binaries first on PATH.
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
};

/**
 * A package.json script run by the shell, as npm runs it, at the lowest
 * priority: it takes the CPU vitest leaves, never the build vitest's tests
 * wait for. Its exit code and all it printed.
 */
function check(name) {
  return new Promise((resolve) => {
    const child = spawn('nice', ['-n', '19', 'sh', '-c', scripts[name]], {
      cwd: root,
      env,
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => resolve({ name, code: 1, output: `${output}${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, output, signal }));
  });
}

const checks = Promise.all(['typecheck', 'lint', 'knip'].map(check));
const vitest = new Promise((resolve) => {
  const child = spawn('vitest', ['run', ...process.argv.slice(2)], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  child.on('error', (error) => {
    console.error(`vitest: ${error.message}`);
    resolve(1);
  });
  child.on('close', (code) => resolve(code ?? 1));
});

const vitestCode = await vitest;
let failed = vitestCode === 0 ? [] : ['vitest'];
for (const { name, code, output } of await checks) {
  process.stdout.write(`\n> ${name}: ${scripts[name]}\n\n${output}`);
  if (code !== 0) failed = [...failed, name];
}
if (failed.length) {
  process.stdout.write(`\nnpm test failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
