// A responder's commit holds incidents/<id>/events/<name>.jsonl: its four
// trees are written by one git process (mktree --batch) from ids worked out
// beforehand. The trees are the ones git makes one at a time, in a clone of
// either hash (SHA-1, and SHA-256 for a git whose default is that); git's own
// trace counts its runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clone } from '../../../../src/infra/share/clone-git.js';
import { GIT_LIMITS } from '../../../../src/infra/share/git.js';
import { writeNestedTree } from '../../../../src/infra/share/trees.js';

const gitIn = (dir: string, args: string[], input?: string) =>
  execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', input }).trim();

function cloneOf(format: 'sha1' | 'sha256'): Clone {
  const dir = join(mkdtempSync(join(tmpdir(), 'oncall-trees-')), 'clone.git');
  execFileSync('git', ['init', '--quiet', '--bare', `--object-format=${format}`, dir]);
  const lock = { file: `${dir}.lock`, stale: false, group: () => undefined, release: () => {} };
  // git notes each of its runs here.
  const env = { ...process.env, GIT_TRACE: `${dir}.trace` };
  return { dir, remote: '/nowhere.git', env, limits: GIT_LIMITS, lock };
}

/** The same trees made as git makes them, one `mktree` at a time. */
function oneAtATime(dir: string, blob: string, name: string, folders: string[]): string {
  let tree = gitIn(dir, ['mktree'], `100644 blob ${blob}\t${name}\n`);
  for (const folder of [...folders].reverse()) {
    tree = gitIn(dir, ['mktree'], `040000 tree ${tree}\t${folder}\n`);
  }
  return tree;
}

describe('writeNestedTree', () => {
  it.for(['sha1', 'sha256'] as const)(
    'in a %s clone: the trees git makes one at a time, the file at its path',
    async (format) => {
      const clone = cloneOf(format);
      const blob = gitIn(clone.dir, ['hash-object', '-w', '--stdin'], '{"id":"e1"}\n');
      const folders = ['incidents', '2026-12-07-db-down', 'events'];
      const tree = await writeNestedTree(clone, blob, 'alice-a-1234abcd.jsonl', folders);
      const runs = readFileSync(`${clone.dir}.trace`, 'utf8').match(/built-in: git mktree/g);
      expect(runs).toHaveLength(1);
      expect(tree).toBe(oneAtATime(clone.dir, blob, 'alice-a-1234abcd.jsonl', folders));
      expect(gitIn(clone.dir, ['ls-tree', '-r', '--name-only', tree])).toBe(
        'incidents/2026-12-07-db-down/events/alice-a-1234abcd.jsonl',
      );
      expect(
        gitIn(clone.dir, [
          'cat-file',
          'blob',
          `${tree}:${folders.join('/')}/alice-a-1234abcd.jsonl`,
        ]),
      ).toBe('{"id":"e1"}');
    },
  );
});
