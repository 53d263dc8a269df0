// The local clone of a share remote, ONCALL_HOME/share/<name>.git: bare (no
// work tree, no index, so no index.lock, no checkout, no path quoting), driven
// by plumbing only, holding only the incidents this laptop joined (their refs,
// refs.ts). Only oncall writes to it, always under its lock (sync-lock.ts): a
// Clone is made only from a held lock, and every git run in it names its
// process group to that lock. Everything in it can be fetched again, and the
// own events rebuilt from the own log: a damaged clone is made again.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  incidentRefspecs,
  parseRef,
  type RefRoot,
  responderPath,
  responderRef,
  trackingPrefixes,
} from '../../domain/share/refs.js';
import { ensureDir } from '../store/incidents.js';
import { clonesDir } from '../store/paths.js';
import { readBlobs } from './blobs.js';
import { type Clone, gitIn, run } from './clone-git.js';
import { setAside, tidyClone } from './clone-repair.js';
import { GIT_LIMITS, type GitLimits } from './git.js';
import { pushRejected, refRefused, remoteError } from './git-errors.js';
import type { HeldLock } from './sync-lock.js';

export type { Clone } from './clone-git.js';

interface OpenOptions {
  home: string;
  name: string;
  remote: string;
  env: NodeJS.ProcessEnv;
  lock: HeldLock;
  limits?: GitLimits;
  signing?: readonly string[];
  now: Date;
}

/**
 * The clone for `remote`, under a lock this process holds: tidied when the
 * previous holder never let go, made (empty, nothing fetched) when missing,
 * made again when git cannot read it.
 */
export async function openClone(options: OpenOptions): Promise<Clone> {
  ensureDir(clonesDir(options.home));
  const clone: Clone = {
    dir: join(clonesDir(options.home), options.name),
    remote: options.remote,
    env: options.env,
    limits: options.limits ?? GIT_LIMITS,
    lock: options.lock,
    ...(options.signing ? { signing: options.signing } : {}),
  };
  if (options.lock.stale) tidyClone(clone.dir);
  if (existsSync(join(clone.dir, 'HEAD'))) {
    const readable = await gitIn(clone, ['rev-parse', '--git-dir']);
    if (readable.exitCode === 0) {
      if (!knowsRemote(clone))
        await run(clone, 'config', ['config', 'remote.origin.url', clone.remote]);
      return clone;
    }
    setAside(clone.dir, options.now);
  }
  return makeClone(clone);
}

/**
 * The clone's config already names `clone.remote` as origin's URL, as git
 * wrote it (a value git had to quote or escape reads as not named: then git
 * writes it again, as before, one process more).
 */
function knowsRemote(clone: Clone): boolean {
  try {
    const config = readFileSync(join(clone.dir, 'config'), 'utf8');
    const origin = /^\[remote "origin"\]\n((?:\t[^\n]*\n)*)/m.exec(config)?.[1] ?? '';
    return origin.split('\n').includes(`\turl = ${clone.remote}`);
  } catch {
    return false;
  }
}

/** Makes the clone afresh: an empty bare repository that knows its remote. */
export async function makeClone(clone: Clone): Promise<Clone> {
  ensureDir(clone.dir);
  await run(clone, 'init', ['init', '--quiet', '--bare', clone.dir]);
  await run(clone, 'config', ['config', 'remote.origin.url', clone.remote]);
  return clone;
}

/** Fetches every responder's ref of incident `id` (only those: the cost of one incident). */
export async function fetchIncident(clone: Clone, id: string, first = false): Promise<void> {
  const fetched = await gitIn(
    clone,
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--prune',
      'origin',
      ...incidentRefspecs(id),
    ],
    { network: first ? 'first' : true },
  );
  if (fetched.exitCode !== 0) throw remoteError(clone.remote, fetched);
}

/** A responder's ref of an incident as last fetched. */
export interface FetchedRef {
  root: RefRoot;
  name: string;
  oid: string;
}

/** The incident's refs as last fetched. */
export async function fetchedRefs(clone: Clone, id: string): Promise<FetchedRef[]> {
  const listed = await run(clone, 'for-each-ref', [
    'for-each-ref',
    '--format=%(refname) %(objectname)',
    ...trackingPrefixes(id),
  ]);
  return listed.stdout.split('\n').flatMap((line) => {
    const [ref, oid] = line.split(' ');
    const parsed = ref ? parseRef(ref) : undefined;
    return parsed && oid && parsed.id === id ? [{ root: parsed.root, name: parsed.name, oid }] : [];
  });
}

/** A responder's file read from their ref: its text, or why it could not be read. */
interface RefFile {
  ref: FetchedRef;
  text?: string;
  problem?: string;
}

/** Each ref's file (incidents/<id>/events/<name>.jsonl in its tree), all read by one git process. */
export async function readRefFiles(
  clone: Clone,
  id: string,
  refs: readonly FetchedRef[],
): Promise<RefFile[]> {
  const texts = await readBlobs(
    clone,
    refs.map((r) => `${r.oid}:${responderPath(id, r.name)}`),
  );
  return refs.map((ref, i) => {
    const text = texts[i];
    return text === undefined
      ? { ref, problem: `holds no ${responderPath(id, ref.name)}` }
      : { ref, text };
  });
}

/** One tree object holding one entry. */
async function treeOf(clone: Clone, entry: string): Promise<string> {
  const made = await run(clone, 'mktree', ['mktree', '-z'], { input: `${entry}\0` });
  return made.stdout.trim();
}

/**
 * A commit whose tree holds only the responder's file with `text`, on top of
 * `parent` (the ref as last fetched) if any, by `actor`; signed when the team signs.
 */
export async function commitOwnFile(
  clone: Clone,
  file: { id: string; name: string; text: string; parent?: string },
  actor: string,
  message: string,
): Promise<string> {
  const blob = (
    await run(clone, 'hash-object', ['hash-object', '-w', '--stdin'], { input: file.text })
  ).stdout.trim();
  let tree = await treeOf(clone, `100644 blob ${blob}\t${file.name}.jsonl`);
  for (const folder of ['events', file.id, 'incidents']) {
    tree = await treeOf(clone, `040000 tree ${tree}\t${folder}`);
  }
  const parent = file.parent ? ['-p', file.parent] : [];
  const sign = clone.signing ? ['-S'] : [];
  const committed = await run(
    clone,
    'commit-tree',
    ['commit-tree', ...sign, tree, ...parent, '-m', message],
    { actor, config: clone.signing ?? [] },
  );
  return committed.stdout.trim();
}

type PushOutcome = 'pushed' | 'rejected' | 'refused';

/**
 * Pushes `commit` to the responder's ref: 'rejected' when the ref moved since
 * it was fetched (the same responder on another laptop: fetch and try again),
 * 'refused' when the host takes no ref there (use the branches root).
 */
export async function pushOwnRef(
  clone: Clone,
  commit: string,
  at: { root: RefRoot; id: string; name: string },
): Promise<PushOutcome> {
  const ref = responderRef(at.root, at.id, at.name);
  const pushed = await gitIn(clone, ['push', '--quiet', 'origin', `${commit}:${ref}`], {
    network: true,
  });
  if (pushed.exitCode === 0) return 'pushed';
  if (refRefused(pushed)) return 'refused';
  if (pushRejected(pushed)) return 'rejected';
  throw remoteError(clone.remote, pushed);
}

/** Loose objects or packs past which the clone is repacked (a per-incident clone repacks in ~60 ms). */
const LOOSE_MAX = 50;
const PACKS_MAX = 10;

/**
 * Loose objects and packs in the clone, counted on disk: what `git
 * count-objects -v` gives as count and packs, without a git process in every
 * sync. Undefined when the folder cannot be read (git will say why, later).
 */
function objectCounts(dir: string): { loose: number; packs: number } | undefined {
  const objects = join(dir, 'objects');
  try {
    let loose = 0;
    for (const name of readdirSync(objects)) {
      if (/^[0-9a-f]{2}$/.test(name)) loose += readdirSync(join(objects, name)).length;
    }
    const packs = readdirSync(join(objects, 'pack')).filter((n) => n.endsWith('.pack')).length;
    return { loose, packs };
  } catch {
    return undefined;
  }
}

/** Keeps the clone small: one pack again once loose objects or packs pile up. */
export async function housekeep(clone: Clone): Promise<void> {
  const counted = objectCounts(clone.dir);
  if (!counted || (counted.loose <= LOOSE_MAX && counted.packs <= PACKS_MAX)) return;
  await run(clone, 'repack', ['repack', '-a', '-d', '-q']);
}
