// A git run in a clone (clone.ts): under the clone's lock, its process group
// told to that lock, with the clone's environment and limits.
import { type GitLimits, type GitOptions, type GitResult, git } from './git.js';
import { localGitError } from './git-errors.js';
import type { HeldLock } from './sync-lock.js';

export interface Clone {
  dir: string;
  remote: string;
  env: NodeJS.ProcessEnv;
  limits: GitLimits;
  lock: HeldLock;
  /** `-c` settings that sign commits, when the team signs (signing.ts). */
  signing?: readonly string[];
}

/** A git run in the clone, its process group told to the lock. */
export function gitIn(
  clone: Clone,
  args: readonly string[],
  options: Omit<GitOptions, 'env' | 'limits' | 'onGroup'> = {},
): Promise<GitResult> {
  return git(clone.dir, args, {
    ...options,
    env: clone.env,
    limits: clone.limits,
    onGroup: (pgid) => clone.lock.group(pgid),
  });
}

/** A local git run that must work; throws a LocalGitError (damaged or not) when it does not. */
export async function run(
  clone: Clone,
  what: string,
  args: readonly string[],
  options: Omit<GitOptions, 'env' | 'limits' | 'onGroup'> = {},
): Promise<GitResult> {
  const result = await gitIn(clone, args, options);
  if (result.exitCode !== 0) throw localGitError(clone.dir, what, result);
  return result;
}
