// A failed git call in words: what kind of failure, named with the remote and
// the line of git's output that told us, and the exit code (1: try again
// later; 2: this remote can never work as it is).
import { describe, expect, it } from 'vitest';
import {
  branchMissing,
  pushRejected,
  remoteError,
} from '../../../../src/infra/share/git-errors.js';

const failed = (stderr: string) => ({ exitCode: 128, stdout: '', stderr });
const REMOTE = 'git@github.com:team/incidents.git';

describe('remoteError', () => {
  it('unreachable: exit 1, the network line', () => {
    const e = remoteError(
      REMOTE,
      failed(
        'ssh: Could not resolve hostname github.com: Temporary failure in name resolution\nfatal: Could not read from remote repository.\n',
      ),
    );
    expect(e.exitCode).toBe(1);
    expect(e.message).toMatch(
      /^cannot reach git@github.com:team\/incidents.git \(Could not resolve hostname/,
    );
  });

  it('auth refused: exit 1, how to give git a key', () => {
    const e = remoteError(
      REMOTE,
      failed(
        'git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.\n',
      ),
    );
    expect(e.exitCode).toBe(1);
    expect(e.message).toContain(
      `${REMOTE} refused authentication (git@github.com: Permission denied (publickey))`,
    );
    expect(e.message).toContain('ssh-add');
    expect(
      remoteError(
        'https://h/t.git',
        failed("fatal: could not read Username for 'https://h': terminal prompts disabled"),
      ).message,
    ).toContain('refused authentication');
  });

  it('not a repository: exit 2, make one', () => {
    const e = remoteError(
      REMOTE,
      failed('ERROR: Repository not found.\nfatal: Could not read from remote repository.\n'),
    );
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`${REMOTE} is not a git repository`);
  });

  it('anything else: exit 1 with git’s own line', () => {
    const e = remoteError(REMOTE, failed('hint: x\nfatal: something new went wrong\n'));
    expect(e.message).toBe(`git failed for ${REMOTE}: something new went wrong`);
  });
});

describe('push and fetch outcomes', () => {
  it('tells a push turned down from a failure, and a missing branch from an error', () => {
    expect(pushRejected(failed(' ! [rejected]        HEAD -> main (fetch first)\n'))).toBe(true);
    expect(pushRejected(failed('fatal: unable to access'))).toBe(false);
    expect(branchMissing(failed("fatal: couldn't find remote ref refs/heads/main\n"))).toBe(true);
  });
});
