// The real `git` binary, run with an argument vector (never a shell string), in
// English (LC_ALL=C: its messages are classified in git-errors.ts), and never
// asking anything: no terminal prompt, no askpass program (an IDE terminal sets
// GIT_ASKPASS; an empty value makes git skip it, core.askPass and SSH_ASKPASS
// alike), no ssh passphrase or host-key question (BatchMode), no credential
// dialog. Credentials still come from the ssh agent and git's credential
// helpers: those are the user's, and never asked for.
//
// Every run is bounded. git is started in a session and process group of its
// own (no controlling terminal, so nothing in it can open /dev/tty either),
// stalls end by git's own limits (http low-speed, ssh connect and keep-alive),
// and a hard deadline ends what those do not cover (a TLS handshake that never
// answers, a dropped SYN): SIGTERM to the whole group, then SIGKILL to it, so
// no `git-remote-https` or `ssh` is left running. Commits carry the responder
// as author through `-c` settings; the user's hooks, signing and templates are
// kept out of a clone only oncall writes to.
import { spawn } from 'node:child_process';
import { OncallError } from '../../errors.js';

/** How long git may take. A test passes shorter ones through the Context. */
export interface GitLimits {
  /** A call that talks to the remote. */
  networkMs: number;
  /** The first fetch of a join (a whole incident arrives). */
  firstFetchMs: number;
  /** A call inside the clone. */
  localMs: number;
  /** git's own http stall limit: under 1000 bytes/s for this long ends the transfer. */
  lowSpeedSeconds: number;
  /** ssh: connect, and silence in an open connection (ServerAlive × 2). */
  sshSeconds: number;
  /** Between SIGTERM and SIGKILL of the group at the deadline. */
  graceMs: number;
}

export const GIT_LIMITS: GitLimits = {
  networkMs: 30_000,
  firstFetchMs: 60_000,
  localMs: 10_000,
  lowSpeedSeconds: 10,
  sshSeconds: 10,
  graceMs: 2_000,
};

const SETTINGS = [
  'commit.gpgsign=false',
  'core.hooksPath=/dev/null',
  'core.autocrlf=false',
  'core.fsmonitor=false',
  'init.templateDir=',
  'gc.auto=0',
  'maintenance.auto=false',
  // No askpass program of any kind (an empty value also stops the search before SSH_ASKPASS).
  'core.askPass=',
  // Git Credential Manager: stored credentials only (harmless to git itself).
  'credential.interactive=false',
  'protocol.version=2',
  // Fetched packs are kept as packs (not exploded into loose objects); housekeeping repacks.
  'transfer.unpackLimit=1',
  'fetch.writeCommitGraph=false',
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

/** ssh as the user set it up (GIT_SSH_COMMAND, else plain ssh), never asking, never hanging. */
function sshCommand(env: NodeJS.ProcessEnv, limits: GitLimits): string | undefined {
  // A GIT_SSH that is not ssh (plink): its options differ; the deadline bounds it.
  if (!env.GIT_SSH_COMMAND && env.GIT_SSH) return undefined;
  const base = env.GIT_SSH_COMMAND || 'ssh';
  const alive = Math.max(1, Math.floor(limits.sshSeconds / 2));
  return `${base} -o BatchMode=yes -o ConnectTimeout=${limits.sshSeconds} -o ServerAliveInterval=${alive} -o ServerAliveCountMax=2`;
}

function gitEnv(env: NodeJS.ProcessEnv, limits: GitLimits): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {
    ...env,
    LC_ALL: 'C',
    LANGUAGE: '',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    SSH_ASKPASS_REQUIRE: 'never',
    GCM_INTERACTIVE: 'never',
    GIT_HTTP_LOW_SPEED_LIMIT: '1000',
    GIT_HTTP_LOW_SPEED_TIME: String(limits.lowSpeedSeconds),
  };
  const ssh = sshCommand(env, limits);
  if (ssh) clean.GIT_SSH_COMMAND = ssh;
  for (const name of REPOSITORY_VARIABLES) delete clean[name];
  return clean;
}

export interface GitOptions {
  /** The author and committer of any commit this call makes. */
  actor?: string;
  /** Talks to the remote ('first': a join's first fetch): a longer deadline. */
  network?: boolean | 'first';
  env?: NodeJS.ProcessEnv;
  /** Written to git's stdin. */
  input?: string | Buffer;
  limits?: GitLimits;
  /** More `-c` settings (signing). */
  config?: readonly string[];
  /** Told the process group as soon as git runs: the clone lock names it. */
  onGroup?: (pgid: number) => void;
}

export interface GitResult {
  exitCode: number;
  /** stdout as bytes (listings with -z, blobs). */
  raw: Buffer;
  stdout: string;
  stderr: string;
  /** Ended by the deadline. */
  timedOut: boolean;
}

/** Email-shaped identity from an actor (user@host already is one). */
function emailOf(actor: string): string {
  return actor.includes('@') ? actor : `${actor}@oncall.invalid`;
}

function argsFor(args: readonly string[], options: GitOptions, limits: GitLimits): string[] {
  const identity = options.actor
    ? [`user.name=${options.actor}`, `user.email=${emailOf(options.actor)}`]
    : [];
  const speed = [`http.lowSpeedLimit=1000`, `http.lowSpeedTime=${limits.lowSpeedSeconds}`];
  const settings = [...SETTINGS, ...speed, ...identity, ...(options.config ?? [])];
  return [...settings.flatMap((s) => ['-c', s]), ...args];
}

/** Process groups of git runs still going: ended if this process exits first. */
const running = new Set<number>();

function endGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Ends every git run of this process now (a follow that is stopped leaves none behind). */
export function endRunningGit(): void {
  for (const pgid of running) endGroup(pgid, 'SIGKILL');
}

let exitHooked = false;
/** When oncall itself ends (Ctrl-C of a typed sync), so do its git runs. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const pgid of running) endGroup(pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Someone else handles it (timeline --follow): their exit runs the hook above.
    if (process.listenerCount(signal) > 0) continue;
    process.once(signal, () => {
      for (const pgid of running) endGroup(pgid, 'SIGKILL');
      process.kill(process.pid, signal);
    });
  }
}

function deadlineOf(options: GitOptions, limits: GitLimits): number {
  if (options.network === 'first') return limits.firstFetchMs;
  return options.network ? limits.networkMs : limits.localMs;
}

function notRunnable(error: NodeJS.ErrnoException): OncallError {
  if (error.code === 'ENOENT') {
    return new OncallError(
      'git is not installed (or not on PATH): sharing an incident runs the git binary. Install git and try again.',
    );
  }
  return new OncallError(`cannot run git: ${error.message}`);
}

/**
 * Runs `git <args>` in `cwd`. Resolves with the exit code and output whatever
 * it is (callers decide what a failure means; a run ended by its deadline has
 * exit 124 and says "timed out"); rejects only when git cannot be run at all.
 */
export function git(
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<GitResult> {
  const limits = options.limits ?? GIT_LIMITS;
  // Everything git writes under ONCALL_HOME is the user's alone: files 0600, folders 0700.
  process.umask(0o077);
  hookExit();
  return new Promise((resolve, reject) => {
    const child = spawn('git', argsFor(args, options, limits), {
      cwd,
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: gitEnv(options.env ?? process.env, limits),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const pgid = child.pid;
    if (pgid !== undefined) {
      running.add(pgid);
      options.onGroup?.(pgid);
    }
    const killer = setTimeout(
      () => {
        if (pgid === undefined) return;
        timedOut = true;
        endGroup(pgid, 'SIGTERM');
        setTimeout(() => endGroup(pgid, 'SIGKILL'), limits.graceMs).unref();
      },
      deadlineOf(options, limits),
    );
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    if (options.input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(killer);
      if (pgid !== undefined) running.delete(pgid);
      reject(notRunnable(error));
    });
    child.on('close', (code) => {
      clearTimeout(killer);
      if (pgid !== undefined) {
        running.delete(pgid);
        // Whatever git left in its group (a helper that outlived it) goes with it.
        endGroup(pgid, 'SIGKILL');
      }
      const raw = Buffer.concat(out);
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) {
        resolve({
          exitCode: 124,
          raw,
          stdout: '',
          stderr: `${stderr}\nfatal: timed out`,
          timedOut,
        });
        return;
      }
      resolve({ exitCode: code ?? 1, raw, stdout: raw.toString('utf8'), stderr, timedOut });
    });
  });
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
