// What the remote holds, without fetching it: `git ls-remote` names every
// incident's refs (what `oncall join` offers) and the older shares' branch.
import { parseRef, REMOTE_PATTERNS } from '../../domain/share/refs.js';
import { type Clone, gitIn } from './clone-git.js';
import { git } from './git.js';
import { remoteError } from './git-errors.js';

interface RemoteListing {
  /** Each incident on refs, with its responders' ref names. */
  incidents: Map<string, string[]>;
  /** The older shares' branch's commit, when the remote has that branch. */
  branchTip?: string;
}

/** The incidents the remote holds on refs, and whether it has the older shares' branch. */
export async function listRemote(clone: Clone, branch: string): Promise<RemoteListing> {
  const listed = await gitIn(
    clone,
    ['ls-remote', 'origin', ...REMOTE_PATTERNS, `refs/heads/${branch}`],
    { network: true },
  );
  if (listed.exitCode !== 0) throw remoteError(clone.remote, listed);
  const incidents = new Map<string, string[]>();
  let branchTip: string | undefined;
  for (const line of listed.stdout.split('\n')) {
    const [oid, ref] = line.split('\t');
    if (!oid || !ref) continue;
    if (ref === `refs/heads/${branch}`) {
      branchTip = oid;
      continue;
    }
    const parsed = parseRef(ref);
    if (!parsed) continue;
    const names = incidents.get(parsed.id) ?? [];
    names.push(parsed.name);
    incidents.set(parsed.id, names);
  }
  return { incidents, ...(branchTip ? { branchTip } : {}) };
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
