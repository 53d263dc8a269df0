// Drives the built CLI through a real pseudo-terminal, as a responder would:
// prompts render, arrow keys move, Ctrl-C is a real signal. Tests wait for
// text on the screen (polling), never for a fixed time.
import * as pty from '@lydell/node-pty';
import { BIN } from './paths.js';

export const KEY = {
  down: '\x1b[B',
  up: '\x1b[A',
  enter: '\r',
  ctrlC: '\x03',
} as const;

// CSI (colours, cursor moves), OSC, character sets (fish's `ESC ( B`), and single-character escapes.
const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_=>]/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(/\r/g, '');
}

export interface Terminal {
  /** Everything printed so far, escapes stripped. */
  screen(): string;
  /** Everything printed so far, as written (escapes and all). */
  raw(): string;
  /**
   * Waits until `pattern` appears in output not yet consumed by an earlier
   * waitFor, then consumes up to the end of the match. Fails with the recent
   * screen when it does not appear in time.
   */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Sends keys, one chunk at a time (a prompt sees each as a keypress). */
  press(...keys: string[]): void;
  /** Types text and presses Enter. */
  answer(text: string): void;
  exit: Promise<number>;
  pid: number;
  kill(signal?: string): void;
  /** Closes the terminal, as closing its window does: the session gets SIGHUP, writes fail. */
  hangUp(): void;
}

export function spawnOncall(
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    cols?: number;
    /**
     * Run the bin under a shell that stays on after it ends (`pid` is then the
     * shell's): oncall dying is then no hang-up of the terminal, whose session
     * leader would otherwise take every process on it along.
     */
    outliving?: boolean;
  },
): Terminal {
  const [file, words] = options.outliving
    ? ['/bin/sh', ['-c', '"$0" "$@"; sleep 60', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  return spawnTerminal(file, words, { ...options, term: 'xterm' });
}

/**
 * Any program in a pseudo-terminal (a responder's own shell): `term` is what
 * TERM says (default xterm-256color, as a terminal emulator sets it).
 */
export function spawnTerminal(
  file: string,
  words: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; cols?: number; term?: string },
): Terminal {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  // The bin must see a person at a terminal: CI set (even to "true") means "never prompt".
  delete env.CI;
  env.TERM = options.term ?? 'xterm-256color';
  const term = pty.spawn(file, words, {
    name: env.TERM,
    cols: options.cols ?? 120,
    rows: 40,
    cwd: options.cwd,
    env,
  });
  return attach(term);
}

function attach(term: pty.IPty): Terminal {
  let raw = '';
  let consumed = 0;
  term.onData((d) => {
    raw += d;
  });
  const exit = new Promise<number>((resolve) => {
    // As a shell reports it: a process ended by signal n exits 128+n. A closed
    // terminal can hang oncall up again while it exits after recording (Node
    // restores the default action then), and node-pty says that as exit 0.
    term.onExit(({ exitCode, signal }) =>
      resolve(exitCode === 0 && signal ? 128 + signal : exitCode),
    );
  });
  // node-pty may report the exit before the last output arrives: allow a moment.
  let exitedAt: number | undefined;
  void exit.then(() => {
    exitedAt = Date.now();
  });

  const screen = () => stripAnsi(raw);
  return {
    screen,
    raw: () => raw,
    pid: term.pid,
    exit,
    kill: (signal) => term.kill(signal),
    // Closes the master side (the kernel hangs up the session), then SIGHUPs the
    // process; UnixTerminal has it, IPty's type does not say so.
    hangUp: () => (term as unknown as { destroy(): void }).destroy(),
    press: (...keys) => {
      for (const key of keys) term.write(key);
    },
    answer: (text) => {
      term.write(text);
      term.write(KEY.enter);
    },
    waitFor(pattern, timeoutMs = 10_000) {
      const started = Date.now();
      return new Promise((resolve, reject) => {
        const poll = () => {
          const text = screen();
          const rest = text.slice(consumed);
          const match =
            typeof pattern === 'string'
              ? rest.indexOf(pattern) >= 0
                ? { index: rest.indexOf(pattern), length: pattern.length }
                : undefined
              : (() => {
                  const m = pattern.exec(rest);
                  return m ? { index: m.index, length: m[0].length } : undefined;
                })();
          if (match) {
            consumed += match.index + match.length;
            resolve(rest.slice(0, match.index + match.length));
            return;
          }
          const gone = exitedAt !== undefined && Date.now() - exitedAt > 1000;
          if (Date.now() - started > timeoutMs || gone) {
            const why = gone ? 'the process exited' : `not seen within ${timeoutMs}ms`;
            reject(
              new Error(
                `${String(pattern)}: ${why}. Screen since last match:\n${rest.slice(-2000)}`,
              ),
            );
            return;
          }
          setTimeout(poll, 20);
        };
        poll();
      });
    },
  };
}

/** Polls a condition (e.g. an event reaching the log) until it holds. */
export async function waitUntil(
  what: string,
  check: () => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what}: not true within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
