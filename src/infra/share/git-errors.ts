// What a failed git call means for the responder, in one line naming the
// remote and the fix. git runs with LC_ALL=C, so its messages are English and
// stable enough to read. Remote problems are exit 1 (the events wait locally
// and the next sync sends them); a remote that can never work is exit 2.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import type { GitResult } from './git.js';

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
function gitLine(result: GitResult): string {
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:'));
  const fatal = lines.find((l) => /^(fatal|error|remote):/i.test(l)) ?? lines[0] ?? '';
  // A remote's own words ("remote: …") come from another machine: shown, never obeyed.
  return safeLine(fatal.replace(/^(fatal|error):\s*/i, ''));
}

/** The first line of git's output that matches one of `patterns` (what told us the kind). */
function lineMatching(result: GitResult, patterns: readonly RegExp[]): string {
  const lines = result.stderr.split('\n').map((l) => l.trim());
  const line = lines.find((l) => patterns.some((p) => p.test(l))) ?? gitLine(result);
  return safeLine(line.replace(/^(fatal|error|remote|ssh):\s*/i, '').replace(/\.$/, ''));
}

/** The error for a git call against `remote` that failed. */
export function remoteError(remote: string, result: GitResult): OncallError {
  const said = result.stderr;
  // A path that is not there is a shared disk not mounted (or a typo), not a bad repository.
  if (isAbsolute(remote) && !existsSync(remote)) {
    return new OncallError(
      `cannot reach ${remote}: no such folder (is the shared disk mounted? is the path right?); ${KEPT}.`,
    );
  }
  // Auth first: "Permission denied (publickey)" comes with "Could not read from remote repository".
  if (AUTH.some((p) => p.test(said))) {
    return new OncallError(
      `${remote} refused authentication (${lineMatching(result, AUTH)}): load your ssh key (ssh-add) or set up git's credential helper, then try again; ${KEPT}.`,
    );
  }
  if (NOT_A_REPOSITORY.some((p) => p.test(said))) {
    return new UsageError(
      `${remote} is not a git repository (or you have no access to it): create an empty repository for incidents and set share.remote (or --remote) to it.`,
    );
  }
  if (UNREACHABLE.some((p) => p.test(said)) || SSH_FAILED.test(said)) {
    return new OncallError(
      `cannot reach ${remote} (${lineMatching(result, UNREACHABLE)}): check the network or VPN, then try again; ${KEPT}.`,
    );
  }
  return new OncallError(
    `git failed for ${remote}: ${gitLine(result) || `exit ${result.exitCode}`}`,
  );
}

/** A push the remote turned down because someone else pushed first: fetch and try again. */
export function pushRejected(result: GitResult): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref/i.test(
    result.stderr,
  );
}

/** A fetch of a branch the remote does not have yet (an empty repository). */
export function branchMissing(result: GitResult): boolean {
  return /couldn't find remote ref/i.test(result.stderr);
}

/** A local git call (in the clone) that failed: not the remote's fault. */
export function localGitError(dir: string, what: string, result: GitResult): OncallError {
  return new OncallError(
    `git ${what} failed in ${dir}: ${gitLine(result) || `exit ${result.exitCode}`}. Remove that folder and run \`oncall sync\` to clone again.`,
  );
}
