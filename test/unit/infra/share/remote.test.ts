// What a share remote may be, checked before git runs; the names a remote,
// a branch and a responder get on disk.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/errors.js';
import { checkBranch, checkRemote, cloneName } from '../../../../src/infra/share/remote.js';

describe('checkRemote', () => {
  it('takes git URLs as typed and makes paths absolute', () => {
    for (const url of [
      'https://github.com/team/incidents.git',
      'ssh://git@gitlab.example.com:2222/team/incidents.git',
      'git@github.com:team/incidents.git',
      'file:///mnt/shared/incidents.git',
    ]) {
      expect(checkRemote(url, '/cfg')).toBe(url);
    }
    expect(checkRemote('/mnt/shared/incidents.git', '/cfg')).toBe('/mnt/shared/incidents.git');
    expect(checkRemote('../incidents.git', '/team/cfg')).toBe('/team/incidents.git');
  });

  it('refuses what is not a git URL, naming it and the fix', () => {
    for (const bad of ['', 'not a url', 'incidents', 'gopher://x/y', 'https://', 'a\u0007b']) {
      const error = (() => {
        try {
          checkRemote(bad, '/cfg', '--remote');
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^--remote .*(git URL|cannot fetch)/);
    }
  });

  it('refuses a password in the URL and never repeats it', () => {
    expect(() => checkRemote('https://me:hunter2@git.example.com/t.git', '/')).toThrow(
      'https://me:***@git.example.com/t.git carries a password',
    );
    try {
      checkRemote('https://me:hunter2@git.example.com/t.git', '/');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('names', () => {
  it('a branch must be a plain branch name', () => {
    expect(checkBranch('incidents/2026')).toBe('incidents/2026');
    expect(() => checkBranch('--upload-pack=x')).toThrow(UsageError);
    expect(() => checkBranch('a..b')).toThrow(UsageError);
  });

  it('a clone is named after its remote, one per remote', () => {
    const a = cloneName('git@github.com:team/incidents.git');
    expect(a).toMatch(/^git-github-com-team-incidents-git-[0-9a-f]{10}\.git$/);
    expect(cloneName('git@github.com:team/other.git')).not.toBe(a);
  });
});
