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
import { TEAM_CONFIG } from './team.js';

const WALKED = join(FIXTURES, 'runbooks', 'walked');

/**
 * A laptop with the walked runbooks and the team's contacts configured, and
 * `kubectl` and `curl` faked: kubectl prints its words and appends them to
 * kubectl.log in the folder it runs in; curl answers 503 (`-f`: exit 22).
 */
export function walkedBox(
  answers: readonly ScriptedAnswer[],
  env: NodeJS.ProcessEnv = {},
): TestContext {
  const config = `runbooks: [${JSON.stringify(WALKED)}]\n${TEAM_CONFIG}`;
  const box = testContext({ interactive: true, answers, config });
  const bin = join(box.dir, 'bin');
  mkdirSync(bin);
  const fake = (name: string, script: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  fake('kubectl', 'echo "kubectl $*"\necho "kubectl $*" >> kubectl.log');
  fake('curl', 'echo "HTTP/1.1 503 Service Unavailable" >&2\nexit 22');
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
