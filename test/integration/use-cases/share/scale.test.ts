// A cost that does not grow with the remote: a join fetches one incident's
// refs (the clone holds nothing else), whatever else the remote holds; and a
// clone kept busy by many syncs stays packed. The join's time on 10 vs 300
// incidents is measured by `npm run bench` (bench/share.mjs), not here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRemote, responderName, sizeOf } from '../../../../bench/remote.mjs';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import {
  joinCommand,
  shareCommand,
  syncCommand,
} from '../../../../src/commands/share/definition.js';
import { join as joinIncident } from '../../../../src/commands/share/join.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { responderName as productName } from '../../../../src/domain/share/responder.js';
import {
  MINUTE,
  startIncidentIn,
  type TestContext,
  testContext,
} from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo } from '../../../helpers/share.js';

function cloneOf(ctx: TestContext): string {
  const dir = join(ctx.home, 'share');
  return join(dir, readdirSync(dir).find((n) => n.endsWith('.git')) as string);
}

const git = (clone: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', clone, ...args], { encoding: 'utf8' });

describe('what a laptop keeps', () => {
  it('a join fetches one incident of the remote, and the clone holds only that one', async () => {
    const remote = join(mkdtempSync(join(tmpdir(), 'oncall-many-')), 'r.git');
    const ids = makeRemote(remote, { incidents: 40 });
    expect(responderName('responder0@laptop-0')).toBe(productName('responder0@laptop-0'));
    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    const id = ids.at(-1) as string;
    await invoke(bob, joinIncident, joinCommand, { id, remote });
    const clone = cloneOf(bob);
    const refs = git(clone, 'for-each-ref', '--format=%(refname)').split('\n').filter(Boolean);
    expect(new Set(refs.map((r) => r.split('/')[4]))).toEqual(new Set([id]));
    // The four responders' refs (bob's own was pushed, not fetched).
    expect(refs).toHaveLength(4);
    expect(sizeOf(clone)).toBeLessThan(sizeOf(remote) / 5);
  }, 60_000);

  it('many syncs of a busy incident leave the clone packed, one commit per sync', async () => {
    const remote = bareRepo();
    const alice = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    const id = await startIncidentIn(alice);
    await invoke(alice, share, shareCommand, { remote });
    await invoke(bob, joinIncident, joinCommand, { id, remote });
    for (let round = 0; round < 30; round++) {
      bob.clock.advance(MINUTE);
      await invoke(bob, note, noteCommand, { text: [`bob ${round}`] });
      await invoke(bob, sync, syncCommand, {});
      alice.clock.advance(MINUTE);
      // A burst: three notes, then one sync, which makes one commit.
      for (const n of [1, 2, 3])
        await invoke(alice, note, noteCommand, { text: [`alice ${round}.${n}`] });
      await invoke(alice, sync, syncCommand, {});
    }
    const counted = git(cloneOf(alice), 'count-objects', '-v');
    const value = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(counted)?.[1]);
    expect(value('count')).toBeLessThanOrEqual(50);
    expect(value('packs')).toBeLessThanOrEqual(10);
    const commits = git(
      remote,
      'rev-list',
      '--count',
      `refs/oncall/incidents/${id}/${productName('alice@a')}`,
    );
    expect(Number(commits)).toBe(31);
  }, 240_000);
});
