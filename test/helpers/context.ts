// A Context for running a command in process, as the integration tests do: what
// it prints is captured as text, the clock stands still until the test moves it,
// ONCALL_HOME and the config home are in a fresh temporary folder, there is no
// terminal unless asked for, and questions are answered from a script.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startCommand } from '../../src/commands/start/definition.js';
import { start } from '../../src/commands/start/start.js';
import type { Context, Output } from '../../src/context.js';
import { invoke } from './invoke.js';
import { type ScriptedAnswer, ScriptedPrompter } from './prompter.js';
import { TEAM_CONFIG } from './team.js';

/** A stream that keeps what was written; a terminal `columns` wide when given a width. */
export class Captured implements Output {
  readonly isTTY: boolean;
  readonly columns?: number;
  text = '';

  constructor(columns?: number) {
    this.isTTY = columns !== undefined;
    if (columns !== undefined) this.columns = columns;
  }

  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }

  /** What was written since the last take, then forget it: one command's output at a time. */
  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** The clock the context reads: fixed until the test sets or advances it. */
export class TestClock {
  private ms: number;

  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }

  now = (): Date => new Date(this.ms);

  set(at: string | Date): void {
    this.ms = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

export const MINUTE = 60_000;

/** 02:10 UTC on a night in March: a fixed start, so ids and clock lines are known. */
const NIGHT = '2026-03-12T02:10:00.000Z';

export interface TestContext extends Context {
  /** The temporary folder: the cwd, with home/ (ONCALL_HOME) and config/ inside. */
  dir: string;
  /** ONCALL_HOME. */
  home: string;
  stdout: Captured;
  stderr: Captured;
  clock: TestClock;
  prompter: ScriptedPrompter;
}

interface TestContextOptions {
  /** When the clock starts (default NIGHT). */
  now?: string | Date;
  /** Added to (or replacing) the sandbox's environment. */
  env?: NodeJS.ProcessEnv;
  /** A person at a terminal (default false: no questions can be asked). */
  interactive?: boolean;
  /** What the person answers, in order (needs interactive). */
  answers?: readonly ScriptedAnswer[];
  /** The project config written to <dir>/oncall.config.yaml. */
  config?: string;
}

export function testContext(options: TestContextOptions = {}): TestContext {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-int-'));
  const home = join(dir, 'home');
  if (options.config !== undefined) writeFileSync(join(dir, 'oncall.config.yaml'), options.config);
  const clock = new TestClock(options.now ?? NIGHT);
  return {
    dir,
    home,
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      ONCALL_HOME: home,
      XDG_CONFIG_HOME: join(dir, 'config'),
      ONCALL_ACTOR: 'alice@host',
      TZ: 'UTC',
      NO_COLOR: '1',
      ...options.env,
    },
    now: clock.now,
    clock,
    stdout: new Captured(),
    stderr: new Captured(),
    stdin: Readable.from([]),
    interactive: options.interactive ?? false,
    prompter: new ScriptedPrompter(options.answers),
  };
}

/** A context whose project config has the team's contacts and links (TEAM_CONFIG). */
export function teamContext(options: Omit<TestContextOptions, 'config'> = {}): TestContext {
  return testContext({ ...options, config: TEAM_CONFIG });
}

/**
 * Opens "Checkout returns 500" at SEV2 without a runbook, as `oncall start
 * --no-input --new` with flags does (another incident may be open), and
 * forgets what start printed. Returns the id.
 */
export async function startIncidentIn(
  ctx: TestContext,
  options: Record<string, unknown> = {},
): Promise<string> {
  await invoke(ctx, start, startCommand, {
    title: 'Checkout returns 500',
    sev: 'SEV2',
    runbook: 'none',
    input: false,
    new: true,
    ...options,
  });
  ctx.stdout.take();
  ctx.stderr.take();
  return activeId(ctx);
}

/** The incidents in the context's home, oldest first. */
export function incidentIds(ctx: TestContext): string[] {
  try {
    return readdirSync(join(ctx.home, 'incidents')).sort();
  } catch {
    return [];
  }
}

/** The active incident's id (or the only one), as the commands find it. */
function activeId(ctx: TestContext): string {
  try {
    return readFileSync(join(ctx.home, 'active'), 'utf8').trim();
  } catch {
    const [only, ...more] = incidentIds(ctx);
    if (!only || more.length) throw new Error(`no active incident in ${ctx.home}`);
    return only;
  }
}

/** Every event of an incident's log read back from disk, as plain JSON. */
export function eventsOf(ctx: TestContext, id = activeId(ctx)): Record<string, unknown>[] {
  return readFileSync(join(ctx.home, 'incidents', id, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}
