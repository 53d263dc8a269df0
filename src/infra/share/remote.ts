// What a share remote may be: a git URL (https://, ssh://, git://, file://,
// or scp-like git@host:team/incidents.git) or a path to a repository on a
// shared disk. Checked before git runs, so a typo is one line naming the
// remote and the fix. A URL with a password in it is refused: credentials are
// git's own (ssh agent, credential helper), and oncall never stores them (the
// remote is written to share.json and to the clone's config).
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { sha256Hex } from '../../domain/text/hash.js';
import { folderSlug } from '../../domain/text/slug.js';
import { UsageError } from '../../errors.js';

const SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'file:']);
/** [user@]host:path, as `git clone git@github.com:team/incidents.git` takes it. */
const SCP_LIKE = /^(?:[\w.+-]+@)?[\w.-]+:(?!\/\/)[^\s]+$/;

const FIX =
  'use https://host/team/incidents.git, git@host:team/incidents.git, or a path like /mnt/shared/incidents.git';

function withPassword(url: URL): string {
  return `${url.protocol}//${url.username}:***@${url.host}${url.pathname}`;
}

/**
 * The remote as git is given it: URLs as typed, paths made absolute (relative
 * to `baseDir`, where the config file or the command was). Throws a UsageError
 * naming the remote and the fix.
 */
export function checkRemote(text: string, baseDir: string, label = 'share.remote'): string {
  const remote = text.trim();
  if (remote === '' || /[\s\p{Cc}]/u.test(remote)) {
    throw new UsageError(`${label} ${JSON.stringify(text)} is not a git URL: ${FIX}`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      throw new UsageError(`${label} ${remote} is not a git URL: ${FIX}`);
    }
    if (!SCHEMES.has(url.protocol)) {
      throw new UsageError(`${label} ${remote}: git cannot fetch over ${url.protocol}//; ${FIX}`);
    }
    if (url.password) {
      throw new UsageError(
        `${label} ${withPassword(url)} carries a password: oncall never stores credentials. Remove it from the URL and let git's credential helper or your ssh key supply it.`,
      );
    }
    return remote;
  }
  if (remote.startsWith('~/')) return resolve(homedir(), remote.slice(2));
  if (isAbsolute(remote) || remote.startsWith('./') || remote.startsWith('../')) {
    return resolve(baseDir, remote);
  }
  if (SCP_LIKE.test(remote)) return remote;
  throw new UsageError(`${label} ${remote} is not a git URL: ${FIX}`);
}

/** The local clone's folder name: readable, unique to the remote (one clone per remote). */
export function cloneName(remote: string): string {
  const hash = sha256Hex(remote).slice(0, 10);
  const readable = folderSlug(remote.replace(/^[a-z]+:\/\//i, ''), {
    maxLength: 40,
    fallback: 'remote',
  });
  return `${readable}-${hash}.git`;
}

/** A branch name git accepts and that cannot be read as an option. */
export function checkBranch(branch: string, label = 'share.branch'): string {
  if (!/^[\w][\w./-]*$/.test(branch) || branch.includes('..') || branch.endsWith('/')) {
    throw new UsageError(`${label} ${JSON.stringify(branch)} is not a branch name: try "main"`);
  }
  return branch;
}
