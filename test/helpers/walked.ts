// A walk run in process, answered from a script: a responder at a terminal
// (ScriptedPrompter) walking one of the runbooks of test/fixtures/runbooks/walked/,
// whose commands really run (in the context's folder, with kubectl and curl
// faked: fake-tools.ts). What the walk printed, recorded and ran is then read
// back. Only what needs a real terminal (a pty) stays in test/e2e/walk/.
import { type TestContext, testContext } from './context.js';
import { fakeTools, WALKED } from './fake-tools.js';
import { oncall, type Result } from './in-process.js';
import type { ScriptedAnswer } from './prompter.js';
import { TEAM_CONFIG } from './team.js';

/** A laptop with the walked runbooks and the team's contacts configured, and the tools faked. */
export function walkedBox(
  answers: readonly ScriptedAnswer[],
  env: NodeJS.ProcessEnv = {},
): TestContext {
  const config = `runbooks: [${JSON.stringify(WALKED)}]\n${TEAM_CONFIG}`;
  const box = testContext({ interactive: true, answers, config });
  box.env = { ...box.env, PATH: fakeTools(box.dir, box.env.PATH), ...env };
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
