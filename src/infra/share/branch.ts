// Shares made before refs kept every incident on one branch (`share.branch`,
// main by default): incidents/<id>/events/<file>.jsonl, every responder
// appending to their file. Those incidents stay readable and joinable: the
// branch is fetched with its last commit only (no history), read with git's
// NUL-separated listings (a name git would quote, `josé@laptop.jsonl`, is
// read as it is), and never written again: new events go to refs.

import { readBlobs } from './blobs.js';
import { type Clone, gitIn, run } from './clone-git.js';
import { branchMissing, remoteError } from './git-errors.js';

const trackingOf = (branch: string) => `refs/remotes/origin/branch/${branch}`;

/** Fetches the branch's last commit; its id, or undefined when the remote has no such branch. */
export async function fetchBranch(clone: Clone, branch: string): Promise<string | undefined> {
  const tracking = trackingOf(branch);
  const fetched = await gitIn(
    clone,
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--depth=1',
      'origin',
      `+refs/heads/${branch}:${tracking}`,
    ],
    { network: true },
  );
  if (fetched.exitCode !== 0) {
    if (branchMissing(fetched)) return undefined;
    throw remoteError(clone.remote, fetched);
  }
  return (await run(clone, 'rev-parse', ['rev-parse', '--verify', tracking])).stdout.trim();
}

interface Entry {
  type: string;
  oid: string;
  name: string;
}

/** The entries of a folder of the branch (none when it is not there), names as they are. */
async function entries(clone: Clone, branch: string, folder: string): Promise<Entry[]> {
  const listed = await gitIn(clone, ['ls-tree', '-z', `${trackingOf(branch)}:${folder}`]);
  if (listed.exitCode !== 0) return [];
  return listed.raw
    .toString('utf8')
    .split('\0')
    .flatMap((line) => {
      const found = /^\d+ (\w+) ([0-9a-f]+)\t(.+)$/s.exec(line);
      return found
        ? [{ type: found[1] as string, oid: found[2] as string, name: found[3] as string }]
        : [];
    });
}

/** The ids of the incidents on the branch as last fetched. */
export async function branchIncidentIds(clone: Clone, branch: string): Promise<string[]> {
  return (await entries(clone, branch, 'incidents'))
    .filter((e) => e.type === 'tree')
    .map((e) => e.name);
}

/** A responder's file on the branch: its name (without .jsonl) and text, or why it was skipped. */
interface BranchFile {
  name: string;
  text?: string;
  problem?: string;
}

/** The responders' files of incident `id` on the branch as last fetched. */
export async function readBranchFiles(
  clone: Clone,
  branch: string,
  id: string,
): Promise<BranchFile[]> {
  const listed = await entries(clone, branch, `incidents/${id}/events`);
  const files = listed.filter((e) => e.type === 'blob' && e.name.endsWith('.jsonl'));
  const texts = await readBlobs(
    clone,
    files.map((f) => f.oid),
  );
  const read: BranchFile[] = files.map((f, i) => ({
    name: f.name.slice(0, -'.jsonl'.length),
    ...(texts[i] === undefined ? { problem: 'cannot be read' } : { text: texts[i] }),
  }));
  for (const other of listed.filter((e) => !files.includes(e))) {
    read.push({ name: other.name, problem: 'is not a responder file (.jsonl)' });
  }
  return read;
}
