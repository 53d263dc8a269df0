// What a failed git call means for the responder, in one line naming the
// remote and the fix. git runs with LC_ALL=C, so its messages are English and
// stable enough to read. Remote problems are exit 1 (the events wait locally
// and the next sync sends them); a remote that can never work is exit 2. A
// background sync tries an unreachable remote again (RemoteError.retry); it
// stops at once when trying again cannot help (authentication, a host key, not
// a repository).
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import type { GitResult } from './git.js';

/** What these read of a git run. */
type Outcome = Pick<GitResult, 'exitCode' | 'stderr'>;

const KEPT = 'what you record stays on this laptop until a sync gets through';

const UNREACHABLE = [
  /could not resolve host/i,
  /could not resolve hostname/i,
  /connection (refused|timed out|reset)/i,
  /network is unreachable/i,
  /no route to host/i,
  /operation timed out/i,
  /timed out/i,
  /failed to connect/i,
  // http: git's stall limit (http.lowSpeedLimit), or a transfer cut off.
  /operation too slow/i,
  /rpc failed/i,
  /the remote end hung up unexpectedly/i,
  /early eof/i,
];
/** What git adds after ssh failed, whatever the reason: unreachable, unless ssh said more. */
const SSH_FAILED = /could not read from remote repository/i;

const AUTH = [
  /permission denied/i,
  /authentication failed/i,
  /could not read username/i,
  /could not read password/i,
  /terminal prompts disabled/i,
  /invalid username or password/i,
  /the requested url returned error: 40[13]/i,
  /host key verification failed/i,
];

const NOT_A_REPOSITORY = [
  /does not appear to be a git repository/i,
  /not a git repository/i,
  /repository .* not found/i,
  /repository not found/i,
  /the requested url returned error: 404/i,
];

/** The line of git's output that says what went wrong. */
function gitLine(result: Outcome): string {
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:'));
  const fatal = lines.find((l) => /^(fatal|error|remote):/i.test(l)) ?? lines[0] ?? '';
  // A remote's own words ("remote: …") come from another machine: shown, never obeyed.
  return safeLine(fatal.replace(/^(fatal|error):\s*/i, ''));
}

/** The first line of git's output that matches one of `patterns` (what told us the kind). */
function lineMatching(result: Outcome, patterns: readonly RegExp[]): string {
  const lines = result.stderr.split('\n').map((l) => l.trim());
  const line = lines.find((l) => patterns.some((p) => p.test(l))) ?? gitLine(result);
  return safeLine(line.replace(/^(fatal|error|remote|ssh):\s*/i, '').replace(/\.$/, ''));
}

/**
 * A remote that failed: `retry` when trying again later may work (the
 * network), not when it cannot (credentials). `reason` is what went wrong
 * without the fix (what status repeats while a background sync retries).
 */
export class RemoteError extends OncallError {
  constructor(
    readonly reason: string,
    fix: string,
    readonly retry: boolean,
  ) {
    super(`${reason}${fix}`);
  }
}

/** The error for a git call against `remote` that failed. */
export function remoteError(remote: string, result: Outcome): OncallError {
  const said = result.stderr;
  // The local clone could not be read while talking to the remote: the clone's fault, made again.
  if (cloneDamaged(result)) return localGitError('the clone', 'fetch', result);
  // A path that is not there is a shared disk not mounted (or a typo), not a bad repository.
  if (isAbsolute(remote) && !existsSync(remote)) {
    return new RemoteError(
      `cannot reach ${remote}: no such folder`,
      ` (is the shared disk mounted? is the path right?); ${KEPT}.`,
      true,
    );
  }
  // Auth first: "Permission denied (publickey)" comes with "Could not read from remote repository".
  if (AUTH.some((p) => p.test(said))) {
    return new RemoteError(
      `${remote} refused authentication (${lineMatching(result, AUTH)})`,
      `: load your ssh key (ssh-add) or set up git's credential helper (oncall never asks for a password), then try again; ${KEPT}.`,
      false,
    );
  }
  if (NOT_A_REPOSITORY.some((p) => p.test(said))) {
    return new UsageError(
      `${remote} is not a git repository (or you have no access to it): create an empty repository for incidents and set share.remote (or --remote) to it.`,
    );
  }
  if (UNREACHABLE.some((p) => p.test(said)) || SSH_FAILED.test(said)) {
    return new RemoteError(
      `cannot reach ${remote} (${lineMatching(result, UNREACHABLE)})`,
      `: check the network or VPN, then try again; ${KEPT}.`,
      true,
    );
  }
  return new RemoteError(
    `git failed for ${remote}: ${gitLine(result) || `exit ${result.exitCode}`}`,
    '',
    true,
  );
}

/** Whether a sync that failed this way may succeed if tried again later. */
export function worthRetrying(error: unknown): boolean {
  return error instanceof RemoteError && error.retry;
}

/** A push the remote turned down because the ref moved meanwhile (the same responder on another laptop). */
export function pushRejected(result: Outcome): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|stale info|failed to update ref|cannot lock ref/i.test(
    result.stderr,
  );
}

/** A push the host refuses because of where the ref is (some hosts take only branches and tags). */
export function refRefused(result: Outcome): boolean {
  return /funny ref|hidden ref|illegal ref|invalid ref|refusing to (create|update)|not allowed to (create|push|update)|deny updating/i.test(
    result.stderr,
  );
}

/** A fetch of a branch the remote does not have (an empty repository, or never used). */
export function branchMissing(result: Outcome): boolean {
  return /couldn't find remote ref/i.test(result.stderr);
}

/** git's words for a repository it cannot read: the clone is damaged, and is made again. */
const DAMAGE =
  /corrupt|does not match index|bad signature|index file (smaller than expected|corrupt)|header for [0-9a-f]+ too long|unable to (read|unpack|parse) [0-9a-f]{7,}|bad object|invalid sha1 pointer|(hash|sha1) mismatch|inflate|packfile .* cannot be accessed|missing (blob|tree|commit) [0-9a-f]|object file .* is empty|broken link|bad config|unknown repository format/i;

/** A git call that failed because the clone is damaged (what the remote itself says aside). */
function cloneDamaged(result: Outcome): boolean {
  return result.stderr.split('\n').some((line) => !/^\s*remote:/i.test(line) && DAMAGE.test(line));
}

/** A local git call (in the clone) that failed: not the remote's fault. */
export class LocalGitError extends OncallError {
  constructor(
    message: string,
    readonly damaged: boolean,
  ) {
    super(message);
  }
}

export function localGitError(dir: string, what: string, result: Outcome): LocalGitError {
  return new LocalGitError(
    `git ${what} failed in ${dir}: ${gitLine(result) || `exit ${result.exitCode}`}. Run \`oncall sync\` again: oncall rebuilds the clone when it is damaged.`,
    cloneDamaged(result),
  );
}
