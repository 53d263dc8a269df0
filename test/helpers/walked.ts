// A walk run in process, answered from a script: a responder at a terminal
// (ScriptedPrompter) walking one of the runbooks of test/fixtures/runbooks/walked/,
// whose commands really run (in the context's folder). What the walk printed,
// recorded and ran is then read back. Only what needs a real terminal (a pty)
// stays in test/e2e/walk/.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type TestContext, testContext } from './context.js';
import { oncall, type Result } from './in-process.js';
import { FIXTURES } from './paths.js';
import type { ScriptedAnswer } from './prompter.js';

const WALKED = join(FIXTURES, 'runbooks', 'walked');

/**
 * A laptop with the walked runbooks configured and `kubectl` faked: the fake
 * prints its words and appends them to kubectl.log in the folder it runs in.
 */
export function walkedBox(
  answers: readonly ScriptedAnswer[],
  env: NodeJS.ProcessEnv = {},
): TestContext {
  const box = testContext({
    interactive: true,
    answers,
    config: `runbooks: [${JSON.stringify(WALKED)}]\n`,
  });
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  const fake = join(bin, 'kubectl');
  writeFileSync(fake, '#!/bin/sh\necho "kubectl $*"\necho "kubectl $*" >> kubectl.log\n');
  chmodSync(fake, 0o755);
  box.env = { ...box.env, PATH: `${bin}${delimiter}${box.env.PATH ?? ''}`, ...env };
  return box;
}

/** `oncall start <runbook>` with every incident fact given, so only the walk asks. */
export function walk(box: TestContext, runbook: string, extra: string[] = []): Promise<Result> {
  return oncall(box, [
    'start',
    runbook,
    '--title',
    'Demo is down',
    '--sev',
    'SEV3',
    '--impact',
    'demo users',
    '--started-at',
    '1m ago',
    ...extra,
  ]);
}
