// The local clone of a share remote, under ONCALL_HOME/share/<name>/: a
// scratch copy that only oncall writes to. Everything in it can be rebuilt
// from the remote and the local logs, so a sync starts by making it exactly the
// remote's branch (fetch, then reset), never by merging: no merge state, no
// conflict, whatever an earlier sync left behind.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { ensureDir } from '../store/incidents.js';
import { clonesDir } from '../store/paths.js';
import { git } from './git.js';
import { branchMissing, localGitError, pushRejected, remoteError } from './git-errors.js';

/** Only responders' event files belong in a share: incidents/<id>/events/<file>.jsonl. */
const SHARED_PATH = /^incidents\/[^/]+\/events\/[^/]+\.jsonl$/;

export interface Clone {
  dir: string;
  remote: string;
  branch: string;
  env: NodeJS.ProcessEnv;
}

async function run(clone: Clone, what: string, args: string[]): Promise<string> {
  const result = await git(clone.dir, args, { env: clone.env });
  if (result.exitCode !== 0) throw localGitError(clone.dir, what, result);
  return result.stdout;
}

/** The clone for `remote` and `branch`, created (empty, no fetch yet) when missing. */
export async function openClone(
  home: string,
  name: string,
  remote: string,
  branch: string,
  env: NodeJS.ProcessEnv,
): Promise<Clone> {
  ensureDir(clonesDir(home));
  const clone: Clone = { dir: join(clonesDir(home), name), remote, branch, env };
  if (!existsSync(join(clone.dir, '.git'))) {
    ensureDir(clone.dir);
    await run(clone, 'init', ['init', '--quiet']);
    await run(clone, 'remote add', ['remote', 'add', 'origin', remote]);
  } else {
    await run(clone, 'remote set-url', ['remote', 'set-url', 'origin', remote]);
  }
  await run(clone, 'symbolic-ref', ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  return clone;
}

/**
 * Makes the clone's branch the remote's, as it is now. False when the remote
 * has no such branch yet (a new, empty repository): the clone is then emptied,
 * and the first push creates the branch.
 */
export async function fetchRemote(clone: Clone): Promise<boolean> {
  const tracking = `refs/remotes/origin/${clone.branch}`;
  const fetched = await git(
    clone.dir,
    ['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${clone.branch}:${tracking}`],
    { env: clone.env, network: true },
  );
  if (fetched.exitCode !== 0 && !branchMissing(fetched)) throw remoteError(clone.remote, fetched);
  const exists = fetched.exitCode === 0;
  if (exists) {
    await run(clone, 'reset', ['reset', '--quiet', '--hard', tracking]);
  } else {
    // Forget any local history: the branch starts from this push.
    await git(clone.dir, ['update-ref', '-d', `refs/heads/${clone.branch}`], { env: clone.env });
    await run(clone, 'read-tree', ['read-tree', '--empty']);
  }
  await run(clone, 'clean', ['clean', '--quiet', '-d', '-x', '--force']);
  if (exists) await checkOnlyIncidents(clone);
  return exists;
}

/** Refuses a repository that holds anything but incidents: it is not ours to write to. */
async function checkOnlyIncidents(clone: Clone): Promise<void> {
  const files = (await run(clone, 'ls-tree', ['ls-tree', '-r', '--name-only', 'HEAD']))
    .split('\n')
    .filter(Boolean);
  const other = files.find((file) => !SHARED_PATH.test(file));
  if (other !== undefined) {
    throw new UsageError(
      `${clone.remote} is not an oncall share: branch ${clone.branch} holds ${other}. Point share.remote at an empty repository made for incidents, or set share.branch to a branch of its own (e.g. incidents).`,
    );
  }
}

/** Commits `paths` (if they changed) as `actor`. False when there was nothing to commit. */
export async function commitFiles(
  clone: Clone,
  paths: readonly string[],
  actor: string,
  message: string,
): Promise<boolean> {
  if (paths.length === 0) return false;
  await run(clone, 'add', ['add', '--', ...paths]);
  const staged = await git(clone.dir, ['diff', '--cached', '--quiet'], { env: clone.env });
  if (staged.exitCode === 0) return false;
  const committed = await git(clone.dir, ['commit', '--quiet', '--no-verify', '-m', message], {
    env: clone.env,
    actor,
  });
  if (committed.exitCode !== 0) throw localGitError(clone.dir, 'commit', committed);
  return true;
}

type PushOutcome = 'pushed' | 'rejected';

/** Pushes the branch; 'rejected' when someone pushed first (fetch and try again). */
export async function pushBranch(clone: Clone): Promise<PushOutcome> {
  const pushed = await git(
    clone.dir,
    ['push', '--quiet', 'origin', `HEAD:refs/heads/${clone.branch}`],
    { env: clone.env, network: true },
  );
  if (pushed.exitCode === 0) return 'pushed';
  if (pushRejected(pushed)) return 'rejected';
  throw remoteError(clone.remote, pushed);
}

/**
 * Can the remote be reached (and read) right now? Undefined when it can,
 * else the one-line reason and fix. For `oncall doctor`: nothing is written.
 */
export async function probeRemote(
  remote: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<string | undefined> {
  const listed = await git(cwd, ['ls-remote', '--heads', remote], { env, network: true });
  return listed.exitCode === 0 ? undefined : remoteError(remote, listed).message;
}
