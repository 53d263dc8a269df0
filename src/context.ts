// Everything a command may touch from the outside world, passed in explicitly
// so tests can supply their own clock, environment, folders and streams.
import { hostname, userInfo } from 'node:os';
import { isatty } from 'node:tty';

export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** True when a person can answer prompts (stdin and stdout are terminals, not CI). */
  interactive: boolean;
}

export function processContext(): Context {
  const env = process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return {
    cwd: process.cwd(),
    env,
    now: () => new Date(),
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: touching process.stdin sets up a stream, which `oncall note` never needs.
    get stdin() {
      return process.stdin;
    },
    interactive: isatty(0) && isatty(1) && !ci,
  };
}

/** user@host, overridable with ONCALL_ACTOR (shared jump hosts, tests). */
export function actorOf(env: NodeJS.ProcessEnv): string {
  if (env.ONCALL_ACTOR) return env.ONCALL_ACTOR;
  let user = env.USER ?? env.LOGNAME;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `${user}@${hostname()}`;
}
