// The trees of a responder's commit (incidents/<id>/events/<name>.jsonl: four
// trees, each holding the one below it) written by one git process. `git
// mktree --batch` writes a tree for each group of entries it reads, but an
// entry must name its tree below by id: those ids are worked out here, as git
// does (the hash of "tree <size>\0" and each entry's "<mode> <name>\0<raw id>"),
// with the hash git used for the blob (a 40-digit id is SHA-1, 64 is SHA-256).
// git checks each entry's object exists and says each tree's id; when those
// are not the ids worked out here, the trees are made one process at a time.
import { type Clone, gitIn, run } from './clone-git.js';

interface TreeEntry {
  /** As git writes it in a tree: 100644 (a file) or 40000 (a folder). */
  mode: '100644' | '40000';
  oid: string;
  name: string;
}

/** The id git gives a tree holding only `entry`. */
function treeId(entry: TreeEntry): string {
  const crypto = process.getBuiltinModule('node:crypto');
  const algorithm = entry.oid.length === 64 ? 'sha256' : 'sha1';
  const body = Buffer.concat([
    Buffer.from(`${entry.mode} ${entry.name}\0`, 'utf8'),
    Buffer.from(entry.oid, 'hex'),
  ]);
  return crypto
    .createHash(algorithm)
    .update(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]))
    .digest('hex');
}

/** An entry as mktree reads it (mode, type, id, tab, name). */
function mktreeLine(entry: TreeEntry): string {
  return entry.mode === '100644'
    ? `100644 blob ${entry.oid}\t${entry.name}`
    : `040000 tree ${entry.oid}\t${entry.name}`;
}

/** One tree object holding one entry, by a git process of its own. */
async function treeOf(clone: Clone, entry: TreeEntry): Promise<string> {
  const made = await run(clone, 'mktree', ['mktree', '-z'], { input: `${mktreeLine(entry)}\0` });
  return made.stdout.trim();
}

/**
 * Writes the file `blob` as `name` inside `folders` (outermost first):
 * the id of the outermost tree.
 */
export async function writeNestedTree(
  clone: Clone,
  blob: string,
  name: string,
  folders: readonly string[],
): Promise<string> {
  const entries: TreeEntry[] = [{ mode: '100644', oid: blob, name }];
  for (const folder of [...folders].reverse()) {
    entries.push({ mode: '40000', oid: treeId(entries.at(-1) as TreeEntry), name: folder });
  }
  const expected = [...entries.slice(1).map((e) => e.oid), treeId(entries.at(-1) as TreeEntry)];
  // -z: an entry ends with NUL, and an empty one ends a tree.
  const input = entries.map((e) => `${mktreeLine(e)}\0\0`).join('');
  const made = await gitIn(clone, ['mktree', '-z', '--batch'], { input });
  if (made.exitCode === 0 && made.stdout.trim() === expected.join('\n')) {
    return expected.at(-1) as string;
  }
  // Not the ids worked out here (a format this does not know), or git said no:
  // one tree at a time, and a failure is git's own.
  let tree = await treeOf(clone, entries[0] as TreeEntry);
  for (const entry of entries.slice(1)) tree = await treeOf(clone, { ...entry, oid: tree });
  return tree;
}
