// Where a terminal's capture lives: one folder per user (0700), and in it per
// terminal a FIFO (`<session>.fifo`, the hook writes records into it, the
// recorder reads them: a kernel pipe, nothing on disk) and, while a recorder
// holds that FIFO, `<session>.on` (`<recorder pid>\t<incident>`): the file the
// hook looks for at each prompt. The session is the terminal's shell
// (`<pid>-<start>`), exported by the hook as ONCALL_CAPTURE_SESSION.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataHome } from '../store/paths.js';
import { processAlive } from './processes.js';

/** $XDG_RUNTIME_DIR (a tmpfs of the user's, emptied at logout) when there is one, else the data home. */
export function captureDir(env: NodeJS.ProcessEnv): string {
  return env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, 'oncall', 'capture')
    : join(dataHome(env), 'capture');
}

/** A session id as the hooks make it: the shell's pid, a dash, a number. */
export const SESSION_PATTERN = /^\d{1,10}-\d{1,20}$/;

export interface SessionFiles {
  session: string;
  fifo: string;
  on: string;
}

export function sessionFiles(dir: string, session: string): SessionFiles {
  return { session, fifo: join(dir, `${session}.fifo`), on: join(dir, `${session}.on`) };
}

/** The shell's pid, from its session id. */
export const shellPidOf = (session: string) => Number(session.split('-')[0]);

interface LiveCapture {
  /** The recorder's pid. */
  pid: number;
  incident: string;
}

/** What a session's `.on` file says; undefined when there is none (or it is not one). */
export function readOn(file: string): LiveCapture | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, incident] = text.replace(/\n$/, '').split('\t');
  return pid && /^\d+$/.test(pid) && incident ? { pid: Number(pid), incident } : undefined;
}

/** Written whole (a write, then a rename), so the hook never reads half of it. */
export function writeOn(file: string, capture: LiveCapture): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${capture.pid}\t${capture.incident}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

export function ensureCaptureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Removes files that may be gone already. */
export function removeFiles(...files: string[]): void {
  for (const file of files) rmSync(file, { force: true });
}

/** Every session of the folder with its `.on` file. */
export function capturesIn(dir: string): (SessionFiles & LiveCapture)[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const session = name.endsWith('.on') ? name.slice(0, -3) : undefined;
    if (!session || !SESSION_PATTERN.test(session)) return [];
    const files = sessionFiles(dir, session);
    const live = readOn(files.on);
    return live ? [{ ...files, ...live }] : [];
  });
}

/**
 * FIFOs without a `.on` file whose terminal's shell is gone: left by a recorder
 * killed outright. A live terminal's FIFO may be its recorder's, starting (it
 * writes its `.on` once it holds the FIFO): another terminal's `capture on`
 * must not take it away; its own next `capture on` makes it again.
 */
export function orphanFifos(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      const session = name.endsWith('.fifo') ? name.slice(0, -5) : undefined;
      return (
        session !== undefined &&
        !names.includes(`${session}.on`) &&
        !(SESSION_PATTERN.test(session) && processAlive(shellPidOf(session)))
      );
    })
    .map((name) => join(dir, name));
}
