// Everything a command may touch from the outside world, passed in explicitly
// so tests can supply their own clock, environment, folders and streams.
import { writeSync } from 'node:fs';
import { constants, hostname, userInfo } from 'node:os';
import { isatty } from 'node:tty';

export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Choice<T extends string = string> {
  value: T;
  name: string;
  description?: string;
}

/**
 * Who answers a question once src/terminal/ui/prompts.ts has decided one may be asked:
 * a person at the terminal (the inquirer-backed default there), or a test's
 * script. Ctrl-C is PromptCancelled, whoever answers.
 */
export interface Prompter {
  /** `prefill`: the default is put on the line to edit, not shown as a hint. */
  text(q: {
    message: string;
    default?: string;
    required: boolean;
    prefill?: boolean;
  }): Promise<string>;
  secret(q: { message: string }): Promise<string>;
  choice<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(q: { message: string; default: boolean }): Promise<boolean>;
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
  /** Answers questions when `interactive`; unset means inquirer on stdin/stdout. */
  prompter?: Prompter;
  /**
   * Starts `oncall <args>` detached in the background and returns at once
   * (the outbox's retries, a shared incident's sync). Unset: nothing starts. A
   * test that runs commands in process records the work here and runs it when it
   * chooses (test/helpers/in-process.ts).
   */
  startBackground?: (args: readonly string[]) => Started | undefined;
  /**
   * How long deliveries may hold the responder: `budgetMs` for a command that just
   * queued something (what is unsent then waits in the outbox), `attemptMs` for
   * one attempt when its channel sets no timeout. Unset: the product's limits
   * (use-cases/delivery/limits.ts); a test sets short ones instead of waiting them out.
   */
  delivery?: { budgetMs: number; attemptMs: number };
  /**
   * Waits `ms` (the pace between two sends to one channel, a background sync's
   * retry, a push tried again). Unset: a real timer.
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long each git run of a share may take (infra/share/git.ts GitLimits).
   * Unset: the product's limits; a test sets short ones instead of waiting them out.
   */
  shareLimits?: {
    networkMs: number;
    firstFetchMs: number;
    localMs: number;
    lowSpeedSeconds: number;
    sshSeconds: number;
    graceMs: number;
  };
}

/** A background process just started, for a command that waits until it is ready (`capture on`). */
export interface Started {
  /** Its exit code (128 + n when signal n ended it) once it has ended; undefined while it runs. */
  ended(): number | undefined;
  /** Asks it to stop (SIGTERM). */
  stop(): void;
}

/** `oncall <args>` as a detached process this one does not wait for. */
function startDetached(args: readonly string[]): Started | undefined {
  const bin = process.argv[1];
  if (!bin) return undefined;
  // Loaded only when something waits in an outbox or a shared incident syncs:
  // `oncall note` must not pay for it otherwise. Not import(): the note runs
  // from V8's code cache (main.ts), where a dynamic import fails silently, and
  // asking for the ESM loader there prints an experimental-feature warning.
  const { spawn } = process.getBuiltinModule('node:child_process');
  try {
    const child = spawn(process.execPath, [bin, ...args], { detached: true, stdio: 'ignore' });
    let ended: number | undefined;
    child.on('error', () => {
      // The next command tries again; the items are safe in the log.
      ended ??= 127;
    });
    child.on('exit', (code, signal) => {
      ended = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
    });
    child.unref();
    return {
      ended: () => ended,
      stop: () => {
        if (ended === undefined) child.kill('SIGTERM');
      },
    };
  } catch {
    // as above
    return undefined;
  }
}

/** What directOutput writes with: the system call, and the stream for a full pipe. */
interface DirectWrites {
  writeSync(fd: number, bytes: Uint8Array, at: number): number;
  stream(): { write(bytes: Uint8Array | string): unknown };
}

const PROCESS_WRITES = (fd: 1 | 2): DirectWrites => ({
  writeSync: (to, bytes, at) => writeSync(to, bytes, at),
  stream: () => (fd === 1 ? process.stdout : process.stderr),
});

/**
 * Writes straight to a file descriptor, synchronously: `oncall note` prints a
 * line or two, and setting up process.stdout (streams, tty) costs it more than
 * that. A reader that left (`| head`, EPIPE) or a terminal that hung up (EIO)
 * gets nothing more, and the command goes on, as with the streams (main.ts).
 * A full non-blocking pipe (EAGAIN) hands the rest to the stream, which waits
 * for it rather than spinning, and everything after goes there too: the
 * stream writes later, so a line written past it would come out first.
 */
export function directOutput(fd: 1 | 2, via: DirectWrites = PROCESS_WRITES(fd)): Output {
  let gone = false;
  let stream: ReturnType<DirectWrites['stream']> | undefined;
  return {
    write(chunk: string) {
      if (stream) {
        stream.write(chunk);
        return true;
      }
      const bytes = Buffer.from(chunk);
      for (let at = 0; at < bytes.length && !gone; ) {
        try {
          at += via.writeSync(fd, bytes, at);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE' || code === 'EIO') gone = true;
          else if (code === 'EAGAIN') {
            stream = via.stream();
            stream.write(bytes.subarray(at));
            return true;
          } else throw error;
        }
      }
      return true;
    },
    get isTTY() {
      return isatty(fd);
    },
  };
}

/**
 * The real process. `direct`: write to stdout and stderr without their streams
 * (see directOutput), for `oncall note`.
 */
export function processContext(options: { direct?: boolean } = {}): Context {
  const env = process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  let interactive: boolean | undefined;
  return {
    cwd: process.cwd(),
    env,
    now: () => new Date(),
    stdout: options.direct ? directOutput(1) : process.stdout,
    stderr: options.direct ? directOutput(2) : process.stderr,
    // Getters: touching process.stdin sets up a stream, and asking whether a
    // terminal is there loads node:tty, which `oncall note` never needs.
    get stdin() {
      return process.stdin;
    },
    get interactive() {
      interactive ??= isatty(0) && isatty(1) && !ci;
      return interactive;
    },
    startBackground: startDetached,
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
