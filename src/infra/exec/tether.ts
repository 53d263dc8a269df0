// A command oncall runs must not outlive oncall. SIGTERM and SIGHUP are caught
// and passed on (run.ts); SIGKILL cannot be caught, so on Linux the child is
// started through util-linux `setpriv --pdeathsig KILL -- cmd args…`: the
// kernel kills it when oncall's process dies, however it dies. setpriv sets
// that and then execs the command itself: same pid, same signals, same exit
// code, and the argument vector is passed on as it is (no shell, no quoting).
//
// Limits, on purpose:
// - Linux only, and only where setpriv (util-linux 2.33 or later, in every
//   Debian and Ubuntu base image) sits at /usr/bin or /bin and works: it is
//   tried once per process. Elsewhere (macOS has no parent-death signal;
//   Alpine without util-linux) the command runs as before, and a SIGKILL of
//   oncall leaves it running.
// - Only the command itself is tied: what it starts (a shell's children) is
//   not, unless it dies with the command (a pipe closing, its own handling).
//   Putting the command in a process group of its own would take the terminal
//   from it (Ctrl-C, and anything that reads the keyboard).
// - A command that oncall cannot find is run without setpriv, so "not found"
//   stays oncall's own one-line message rather than setpriv's.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'];

/** The working setpriv, once looked for: null when there is none. */
let setpriv: string | null | undefined;

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where `file` is found as execvp finds it (PATH, or a path with a slash); undefined if not. */
function findCommand(file: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (file.includes('/')) {
    const path = resolve(cwd, file);
    return isExecutableFile(path) ? path : undefined;
  }
  if (env.PATH === undefined || file === '') return undefined;
  for (const dir of env.PATH.split(delimiter)) {
    const path = resolve(cwd, dir || '.', file);
    if (isExecutableFile(path)) return path;
  }
  return undefined;
}

/** setpriv, if this machine has one that can set a parent-death signal (tried by running it). */
function workingSetpriv(): string | undefined {
  if (setpriv !== undefined) return setpriv ?? undefined;
  setpriv = null;
  if (process.platform !== 'linux') return undefined;
  for (const path of SETPRIV) {
    if (!isExecutableFile(path)) continue;
    const probe = spawnSync(path, ['--pdeathsig', 'KILL', '--', path, '--version'], {
      stdio: 'ignore',
      timeout: 2_000,
    });
    if (probe.status === 0) {
      setpriv = path;
      break;
    }
  }
  return setpriv ?? undefined;
}

/**
 * The file and arguments to spawn so that the command dies with oncall:
 * `[file, args]` through setpriv where that works, else as given.
 */
export function tethered(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): [string, string[]] {
  const wrapper = findCommand(file, env, cwd) ? workingSetpriv() : undefined;
  if (!wrapper) return [file, [...args]];
  return [wrapper, ['--pdeathsig', 'KILL', '--', file, ...args]];
}
