// A failed git call in words: what kind of failure, named with the remote and
// the line of git's output that told us, and the exit code (1: try again
// later; 2: this remote can never work as it is).
import { describe, expect, it } from 'vitest';
import {
  branchMissing,
  LocalGitError,
  pushRejected,
  RemoteError,
  refRefused,
  remoteError,
  worthRetrying,
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

describe('what a background sync does next', () => {
  it('tries an unreachable remote again, never a refused key or a host key it does not know', () => {
    const unreachable = remoteError(
      REMOTE,
      failed(
        'fatal: unable to access: Operation too slow. Less than 1000 bytes/sec transferred the last 10 seconds',
      ),
    );
    expect(unreachable).toBeInstanceOf(RemoteError);
    expect(worthRetrying(unreachable)).toBe(true);
    expect((unreachable as RemoteError).reason).toBe(
      `cannot reach ${REMOTE} (unable to access: Operation too slow. Less than 1000 bytes/sec transferred the last 10 seconds)`,
    );
    expect(
      worthRetrying(
        remoteError(
          REMOTE,
          failed('Host key verification failed.\nfatal: Could not read from remote repository.'),
        ),
      ),
    ).toBe(false);
    expect(worthRetrying(remoteError(REMOTE, failed('fatal: timed out')))).toBe(true);
  });

  it('blames the clone, not the remote, when git cannot read its own objects', () => {
    const damaged = remoteError(
      REMOTE,
      failed('error: inflate: data stream error (incorrect header check)\nfatal: bad object HEAD'),
    );
    expect(damaged).toBeInstanceOf(LocalGitError);
    expect((damaged as LocalGitError).damaged).toBe(true);
    // The remote's own words about its own objects are the remote's.
    expect(
      remoteError(
        REMOTE,
        failed('remote: fatal: bad object 1234567\nfatal: the remote end hung up unexpectedly'),
      ),
    ).toBeInstanceOf(RemoteError);
  });

  it('tells a host that takes only branches from one that turned a push down', () => {
    expect(
      refRefused(failed(' ! [remote rejected] x -> refs/oncall/incidents/a/b (funny refname)')),
    ).toBe(true);
    expect(
      refRefused(failed('remote: illegal ref refs/oncall/incidents/a/b\n ! [remote rejected]')),
    ).toBe(true);
    expect(
      refRefused(failed(' ! [rejected]        x -> refs/oncall/incidents/a/b (fetch first)')),
    ).toBe(false);
  });
});
