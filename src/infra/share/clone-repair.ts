// oncall owns its clones, so it repairs them itself. A sync killed at the
// wrong moment (a closed lid, the OOM killer, SIGKILL) leaves git's lock files
// and half-written packs behind, and every later git run in that clone fails
// on them. Whoever takes over a lock its holder never let go (sync-lock.ts:
// only once that holder and its git are gone) removes them first. A clone git
// says is damaged (a truncated object or pack) is set aside and made again:
// everything in it can be fetched again, and the own events are rebuilt from
// the own log, so nothing is lost or doubled.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What git leaves when it dies mid-way: its locks, temporary packs and objects, a gc's pid. */
function leftover(name: string, parent: string): boolean {
  if (name.endsWith('.lock') || name === 'gc.pid') return true;
  if (basename(parent) === 'pack') return name.startsWith('tmp_') || name.startsWith('.tmp-');
  return name.startsWith('tmp_obj_') || name.startsWith('incoming-');
}

/** States of an interrupted rebase or merge (a plumbing-only clone makes none; older clones did). */
const HALF_DONE = [
  'rebase-merge',
  'rebase-apply',
  'MERGE_HEAD',
  'CHERRY_PICK_HEAD',
  'REVERT_HEAD',
  'BISECT_LOG',
  'sequencer',
];

function sweep(dir: string, removed: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (leftover(entry.name, dir)) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } else if (entry.isDirectory()) sweep(path, removed);
  }
}

/** Removes what an interrupted git left in the clone at `dir`; returns what it removed. */
export function tidyClone(dir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(dir)) return removed;
  sweep(dir, removed);
  for (const name of HALF_DONE) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * Moves a damaged clone out of the way (`<dir>.damaged-<time>`, kept until the
 * next one is set aside, for a look), so the next run makes it again.
 */
export function setAside(dir: string, now: Date): void {
  const parent = dirname(dir);
  const name = basename(dir);
  for (const old of readdirSync(parent)) {
    if (old.startsWith(`${name}.damaged-`))
      rmSync(join(parent, old), { recursive: true, force: true });
  }
  if (existsSync(dir)) renameSync(dir, `${dir}.damaged-${now.getTime()}`);
}

/**
 * A clone made by oncall before refs (a work tree with .git, one branch of
 * every incident ever shared): nothing in it is needed any more.
 */
export function removeOldClone(dir: string): void {
  if (existsSync(join(dir, '.git'))) rmSync(dir, { recursive: true, force: true });
}
