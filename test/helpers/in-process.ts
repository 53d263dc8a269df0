// `oncall <args>` run in process, through the real commander wiring (runCli)
// with a test Context: the same words, exit codes and output a user gets from
// the bin, without a Node process to start for each command. Shaped like
// helpers/cli.ts (a box, `oncall(box, args)`, a Result) so a test reads the
// same either way. What only the built bin proves (the note fast path,
// signals, a pty, appends from many processes) stays with helpers/cli.ts.
//
// The clock stands still until the test moves it (box.clock). Work a command
// starts in the background (an outbox flush, a shared incident's sync) is
// recorded in box.background, and runs when the test says so (runBackground).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { onlyIncidentId, type Result, startWords } from './cli.js';
import { Captured, type TestContext, testContext } from './context.js';
import { TEAM_CONFIG } from './team.js';

export { logPath, onlyIncidentId, openedId, type Result, readEvents, startWords } from './cli.js';

export interface Box extends TestContext {
  /** `oncall <args>` of each piece of work started in the background and not run yet. */
  background: string[][];
}

interface BoxOptions {
  /** When the clock starts (default: the fixed night of helpers/context.ts). */
  now?: string | Date;
  /** Short delivery limits instead of the product's few seconds (Context.delivery). */
  delivery?: { budgetMs: number; attemptMs: number };
}

/** A fresh ONCALL_HOME and config home, no terminal, CI set, as helpers/cli.ts sandbox(). */
export function sandbox(extraEnv: NodeJS.ProcessEnv = {}, options: BoxOptions = {}): Box {
  const ctx = testContext({
    env: { ONCALL_ACTOR: 'alice@test', CI: 'true', ...extraEnv },
    ...(options.now ? { now: options.now } : {}),
  });
  const background: string[][] = [];
  // The pace between two sends to one channel passes on the test's clock, at once.
  const sleep = async (ms: number) => {
    ctx.clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    ...ctx,
    background,
    startBackground: (args) => {
      background.push([...args]);
      return undefined;
    },
    sleep,
    ...(options.delivery ? { delivery: options.delivery } : {}),
  };
}

/** Another terminal on the same laptop: the same home, clock and environment, its own output. */
export function terminal<B extends TestContext>(box: B, env: NodeJS.ProcessEnv = {}): B {
  return { ...box, env: { ...box.env, ...env }, stdout: new Captured(), stderr: new Captured() };
}

/**
 * `oncall <args>`: its exit code and what it printed. Each command starts with
 * the umask a new process would have: one that sets it (git's, 077) must not
 * make the next command's files look private for it.
 */
export async function oncall(box: TestContext, args: readonly string[]): Promise<Result> {
  box.stdout.take();
  box.stderr.take();
  const umask = process.umask();
  try {
    const code = await runCli(['node', 'oncall', ...args], box);
    return { code, stdout: box.stdout.take(), stderr: box.stderr.take() };
  } finally {
    process.umask(umask);
  }
}

/** Runs, in order, the work commands started in the background (and any it starts). */
export async function runBackground(box: Box): Promise<Result[]> {
  const results: Result[] = [];
  for (let args = box.background.shift(); args; args = box.background.shift()) {
    if (results.length > 50) throw new Error('background work keeps starting more');
    results.push(await oncall(terminal(box), args));
  }
  return results;
}

/** `oncall start` of "Checkout returns 500" at SEV2 without a runbook; returns its id. */
export async function startIncident(box: TestContext, extra: string[] = []): Promise<string> {
  const r = await oncall(box, [...startWords(), ...extra]);
  if (r.code !== 0) throw new Error(`start failed (${r.code}): ${r.stderr}`);
  return onlyIncidentId(box);
}

/** A box whose project config has the team's contacts and links (TEAM_CONFIG), acting as alice@host. */
export function wordsSandbox(extraConfig = '', options: BoxOptions = {}): Box {
  const box = sandbox({ ONCALL_ACTOR: 'alice@host' }, options);
  writeFileSync(join(box.cwd, 'oncall.config.yaml'), TEAM_CONFIG + extraConfig);
  return box;
}

/** A words box with "Checkout returns 500" open at SEV2, no runbook. */
export async function wordsIncident(extra: string[] = []): Promise<Box> {
  const box = wordsSandbox();
  await startIncident(box, extra);
  return box;
}
