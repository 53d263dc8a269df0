// The local clone of a share remote, ONCALL_HOME/share/<name>.git: bare (no
// work tree, no index, so no index.lock, no checkout, no path quoting), driven
// by plumbing only, holding only the incidents this laptop joined (their refs,
// refs.ts). Only oncall writes to it, always under its lock (sync-lock.ts): a
// Clone is made only from a held lock, and every git run in it names its
// process group to that lock. Everything in it can be fetched again, and the
// own events rebuilt from the own log: a damaged clone is made again.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
import { writeNestedTree } from './trees.js';

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
    const config = readText(join(clone.dir, 'config'));
    if (
      plainlyReadable(clone.dir, config) ||
      (await gitIn(clone, ['rev-parse', '--git-dir'])).exitCode === 0
    ) {
      if (!knowsRemote(config, clone.remote))
        await run(clone, 'config', ['config', 'remote.origin.url', clone.remote]);
      return clone;
    }
    setAside(clone.dir, options.now);
  }
  return makeClone(clone);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A config line as git writes one: a section, or a key with a value it had no need to quote. */
const PLAIN_CONFIG_LINE = /^(?:\[[\w.-]+(?: "[^"\\]*")?\]|\t[A-Za-z][\w-]* = [^"\\;#]*|)$/;

/**
 * What `git rev-parse --git-dir` checks before git works in a repository (a
 * HEAD naming a ref or a commit, objects/ and refs/ folders, a config it can
 * read, of format 0), read on disk when the clone is laid out as git wrote it,
 * without a git process in every sync. Anything else (a config git had to
 * quote, another format) is not plain: then git itself is asked, as before.
 */
function plainlyReadable(dir: string, config: string | undefined): boolean {
  const head = readText(join(dir, 'HEAD'));
  if (!head || !/^(?:ref: refs\/[\x21-\x7e]+|[0-9a-f]{40})\n$/.test(head)) return false;
  if (!isDir(join(dir, 'objects')) || !isDir(join(dir, 'refs'))) return false;
  if (config === undefined || !config.endsWith('\n')) return false;
  const lines = config.slice(0, -1).split('\n');
  return (
    lines.every((line) => PLAIN_CONFIG_LINE.test(line)) &&
    lines.includes('\trepositoryformatversion = 0') &&
    !lines.includes('[extensions]')
  );
}

/**
 * The clone's config already names `remote` as origin's URL, as git
 * wrote it (a value git had to quote or escape reads as not named: then git
 * writes it again, as before, one process more).
 */
function knowsRemote(config: string | undefined, remote: string): boolean {
  const origin = /^\[remote "origin"\]\n((?:\t[^\n]*\n)*)/m.exec(config ?? '')?.[1] ?? '';
  return origin.split('\n').includes(`\turl = ${remote}`);
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
export interface RefFile {
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
  const tree = await writeNestedTree(clone, blob, `${file.name}.jsonl`, [
    'incidents',
    file.id,
    'events',
  ]);
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
