// A host that takes only branches and tags (a pre-receive hook refusing any
// other ref): the first push says so, and the responder's refs go under
// refs/heads/oncall/ instead, by themselves; others join and read them there.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
import { timelineCommand } from '../../../../src/commands/timeline/definition.js';
import { timeline } from '../../../../src/commands/timeline/timeline.js';
import { responderName } from '../../../../src/domain/share/responder.js';
import { startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo, refsOf } from '../../../helpers/share.js';

describe('a host that refuses refs outside branches', () => {
  it('gets refs/heads/oncall/… instead, by itself; peers join and read them there', async () => {
    const remote = bareRepo();
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/heads/*|refs/tags/*) ;; *) echo "illegal ref $ref" >&2; exit 1;; esac; done\n',
    );
    chmodSync(hook, 0o755);
    const alice = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    const id = await startIncidentIn(alice);
    await invoke(alice, share, shareCommand, { remote });
    expect(alice.stderr.take()).toContain(
      `${remote} takes only branches: your events go under refs/heads/oncall/`,
    );
    expect(refsOf(remote)).toEqual([`refs/heads/oncall/${id}/${responderName('alice@a')}`]);
    await invoke(bob, joinIncident, joinCommand, { id, remote });
    await invoke(bob, note, noteCommand, { text: ['bob on a branch too'] });
    await invoke(bob, sync, syncCommand, {});
    await invoke(alice, sync, syncCommand, {});
    alice.stdout.take();
    await invoke(alice, timeline, timelineCommand, {});
    const shown = alice.stdout.take();
    expect(shown).toContain('note: bob on a branch too');
    expect(shown).not.toContain('unverified');
  });
});
