// The real `git` binary, run through execa with an argument vector (never a
// shell string), in English (LC_ALL=C: its messages are classified in
// git-errors.ts), never prompting (GIT_TERMINAL_PROMPT=0: a background sync has
// no terminal; credentials come from the ssh agent or a credential helper), and
// time-limited. Commits carry the responder as author through `-c` settings, so
// nothing depends on the user's global git identity; the user's hooks, signing
// and templates are kept out of a clone that only oncall writes to.
import { OncallError } from '../../errors.js';

/** Network calls get longer than local ones; both end well before the sync lock goes stale. */
const NETWORK_MS = 90_000;
const LOCAL_MS = 30_000;

const SETTINGS = [
  'commit.gpgsign=false',
  'core.hooksPath=/dev/null',
  'core.autocrlf=false',
  'core.fsmonitor=false',
  'init.templateDir=',
  'gc.auto=0',
  'maintenance.auto=false',
];

/**
 * Variables that point git at another repository (set inside a git hook, or
 * by a shell that exported them): our calls are always about the clone.
 */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

function gitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: '' };
  for (const name of REPOSITORY_VARIABLES) delete clean[name];
  return clean;
}

interface GitOptions {
  /** The author and committer of any commit this call makes. */
  actor?: string;
  /** Talks to the remote: a longer time limit. */
  network?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Email-shaped identity from an actor (user@host already is one). */
function emailOf(actor: string): string {
  return actor.includes('@') ? actor : `${actor}@oncall.invalid`;
}

function argsFor(args: readonly string[], options: GitOptions): string[] {
  const identity = options.actor
    ? [`user.name=${options.actor}`, `user.email=${emailOf(options.actor)}`]
    : [];
  return [...[...SETTINGS, ...identity].flatMap((s) => ['-c', s]), ...args];
}

/**
 * Runs `git <args>` in `cwd`. Resolves with the exit code and output whatever
 * it is (callers decide what a failure means); rejects only when git cannot be
 * run at all.
 */
export async function git(
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<GitResult> {
  const { execa } = await import('execa');
  // Everything git writes under ONCALL_HOME is the user's alone: files 0600, folders 0700.
  process.umask(0o077);
  const result = await execa('git', argsFor(args, options), {
    cwd,
    reject: false,
    stdin: 'ignore',
    timeout: options.network ? NETWORK_MS : LOCAL_MS,
    env: gitEnv(options.env ?? process.env),
    extendEnv: false,
  });
  if (result.timedOut) return { exitCode: 124, stdout: '', stderr: 'fatal: timed out' };
  if (result.failed && result.exitCode === undefined) {
    if ((result as { code?: string }).code === 'ENOENT') {
      throw new OncallError(
        'git is not installed (or not on PATH): sharing an incident runs the git binary. Install git and try again.',
      );
    }
    throw new OncallError(`cannot run git: ${result.shortMessage}`);
  }
  return { exitCode: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** The version ("2.39.5") of the git on `env`'s PATH, or undefined when git cannot be run. */
export async function gitVersion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const { exitCode, stdout } = await git(process.cwd(), ['--version'], { env });
    return exitCode === 0 ? stdout.replace(/^git version\s*/, '').trim() : undefined;
  } catch {
    return undefined;
  }
}
