// `oncall shell` owns the terminal it starts: the responder's shell runs in a
// pseudo-terminal of ours (node-pty, prebuilt), what they type goes to it
// unchanged (the terminal in raw mode), what it prints comes back to us first.
// Resizes are passed on; a hang-up or SIGTERM to oncall hangs up the shell, so
// its end (and the recording's) still comes.
import type { IPty } from '@lydell/node-pty';

export interface OwnedTerminal {
  /** Shows text on the responder's terminal. */
  show(text: string): void;
  /** The shell's output, as it comes. */
  onOutput(listener: (text: string) => void): void;
  /** The terminal's new size, as it changes. */
  onResize(listener: (cols: number, rows: number) => void): void;
  readonly cols: number;
  readonly rows: number;
  /** The shell's exit code, once it ended and the terminal is given back. */
  readonly ended: Promise<number>;
}

interface Spawn {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const STOPS = ['SIGHUP', 'SIGTERM'] as const;

export async function ownTerminal(spawn: Spawn): Promise<OwnedTerminal> {
  const { spawn: spawnPty } = await import('@lydell/node-pty');
  const { stdin, stdout } = process;
  const cols = stdout.columns || 80;
  const rows = stdout.rows || 24;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(spawn.env)) if (v !== undefined) env[k] = v;
  const term: IPty = spawnPty(spawn.file, spawn.args, {
    name: env.TERM || 'xterm-256color',
    cols,
    rows,
    cwd: spawn.cwd,
    env,
  });
  const resizeListeners: ((cols: number, rows: number) => void)[] = [];
  const typed = (data: Buffer | string) => term.write(data.toString());
  const resize = () => {
    const c = stdout.columns || cols;
    const r = stdout.rows || rows;
    term.resize(c, r);
    for (const listener of resizeListeners) listener(c, r);
  };
  const hangUp = () => term.kill('SIGHUP');
  stdin.setRawMode?.(true);
  stdin.on('data', typed);
  stdin.resume();
  stdout.on('resize', resize);
  for (const signal of STOPS) process.on(signal, hangUp);
  const ended = new Promise<number>((resolve) => {
    term.onExit(({ exitCode }) => {
      stdin.off('data', typed);
      stdin.setRawMode?.(false);
      stdin.pause();
      stdout.off('resize', resize);
      for (const signal of STOPS) process.off(signal, hangUp);
      resolve(exitCode);
    });
  });
  return {
    show: (text) => stdout.write(text),
    onOutput: (listener) => {
      term.onData(listener);
    },
    onResize: (listener) => {
      resizeListeners.push(listener);
    },
    cols,
    rows,
    ended,
  };
}
