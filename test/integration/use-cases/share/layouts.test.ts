// What a remote may hold besides what this version writes: incidents shared
// before refs (files on one branch, names git quotes among them), a laptop
// whose share.json and clone are from before refs, and odd refs. Each stays
// readable; one odd file or ref is skipped with a warning, for its incident
// only; nothing stops the others.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { startIncidentIn, type TestContext, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo, gitOf, refsOf, responderFile } from '../../../helpers/share.js';

const ID = '2026-03-12-0210-checkout-returns-500';
const OTHER = '2026-03-11-2200-queue-backlog';

let n = 0;
function line(
  actor: string,
  incident: string,
  fields: Record<string, unknown>,
  minute: number,
): string {
  n += 1;
  const ts = new Date(Date.UTC(2026, 2, 12, 2, 10 + minute)).toISOString();
  return JSON.stringify({
    v: 1,
    id: `0190${String(n).padStart(4, '0')}-legacy`,
    incident,
    ts,
    actor,
    lamport: minute + 1,
    ...fields,
  });
}

/** A remote as oncall before refs left it: every incident on `main`, one file per responder. */
function branchRemote(): string {
  const remote = bareRepo();
  const work = mkdtempSync(join(tmpdir(), 'oncall-legacy-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
  git('init', '--quiet');
  const files: Record<string, string[]> = {
    [`incidents/${ID}/events/alice@a.jsonl`]: [
      line(
        'alice@a',
        ID,
        { type: 'incident.opened', title: 'Checkout returns 500', severity: 'SEV2' },
        0,
      ),
      line('alice@a', ID, { type: 'note', kind: 'finding', text: 'from the branch' }, 1),
    ],
    // A name git quotes: once, it made every incident refuse to sync.
    [`incidents/${ID}/events/josé@laptop.jsonl`]: [
      line('josé@laptop', ID, { type: 'note', kind: 'note', text: 'josé was here' }, 2),
    ],
    [`incidents/${OTHER}/events/tab\tand "quote".jsonl`]: [
      line(
        'carol@c',
        OTHER,
        { type: 'incident.opened', title: 'Queue backlog', severity: 'SEV3' },
        0,
      ),
    ],
    [`incidents/${OTHER}/events/README.md`]: ['not a log'],
  };
  for (const [path, lines] of Object.entries(files)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), `${lines.join('\n')}\n`);
  }
  git('add', '-A');
  git('commit', '--quiet', '-m', 'incidents');
  git('push', '--quiet', remote, 'HEAD:refs/heads/main');
  return remote;
}

async function texts(ctx: TestContext, id: string): Promise<string> {
  ctx.stdout.take();
  await invoke(ctx, timeline, timelineCommand, { incident: id });
  return ctx.stdout.take();
}

describe('incidents shared before refs', () => {
  it('are listed, joined and read from the branch, names git quotes included; new events go to refs', async () => {
    const remote = branchRemote();
    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    await invoke(bob, joinIncident, joinCommand, { id: 'checkout', remote });
    expect(bob.stdout.take()).toContain(`Joined ${ID}: Checkout returns 500`);
    const shown = await texts(bob, ID);
    expect(shown).toContain('finding: from the branch');
    expect(shown).toContain('note: josé was here');
    expect(shown).not.toContain('unverified');
    await invoke(bob, note, noteCommand, { text: ['bob on refs'] });
    await invoke(bob, sync, syncCommand, {});
    expect(responderFile(remote, ID, 'bob@b')).toContain('bob on refs');
    // The branch is never written.
    expect(gitOf(remote, ['log', '--oneline', 'main']).trim().split('\n')).toHaveLength(1);
    // The other incident, with its odd files, joins too.
    await invoke(bob, joinIncident, joinCommand, { id: OTHER, remote });
    expect(await texts(bob, OTHER)).toContain('incident declared at SEV3: Queue backlog');
  });

  it("a laptop's share.json and clone from before refs move on by themselves", async () => {
    const remote = branchRemote();
    const alice = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    // What an older version left: the incident's log, share.json without refs, a clone with a stuck index.lock.
    const dir = join(alice.home, 'incidents', ID);
    mkdirSync(dir, { recursive: true });
    const own = execFileSync(
      'git',
      ['--git-dir', remote, 'show', `main:incidents/${ID}/events/alice@a.jsonl`],
      { encoding: 'utf8' },
    );
    writeFileSync(join(dir, 'events.jsonl'), own);
    writeFileSync(join(alice.home, 'active'), ID);
    const oldClone = join(alice.home, 'share', 'tmp-incidents-git-0123456789');
    mkdirSync(join(oldClone, '.git'), { recursive: true });
    writeFileSync(join(oldClone, '.git', 'index.lock'), '');
    const old = {
      remote,
      branch: 'main',
      clone: 'tmp-incidents-git-0123456789',
      file: 'alice@a.jsonl',
      sharedBytes: own.length,
    };
    writeFileSync(join(dir, 'share.json'), JSON.stringify(old));

    await invoke(alice, note, noteCommand, { text: ['after the upgrade'] });
    await invoke(alice, sync, syncCommand, {});
    expect(existsSync(oldClone)).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, 'share.json'), 'utf8'));
    expect(state).toMatchObject({
      refs: 'oncall',
      branchToo: true,
      file: `${responderName('alice@a')}.jsonl`,
    });
    expect(responderFile(remote, ID, 'alice@a')).toContain('after the upgrade');
    // Still read from the branch: josé, who has not upgraded.
    expect(await texts(alice, ID)).toContain('note: josé was here');
  });
});

describe('odd refs and names on refs', () => {
  it('a responder git would quote shares like anyone; an odd ref is skipped with a warning, for its incident only', async () => {
    const remote = bareRepo();
    const jose = testContext({ env: { ONCALL_ACTOR: 'josé@laptop' } });
    const id = await startIncidentIn(jose);
    await invoke(jose, share, shareCommand, { remote });
    expect(refsOf(remote)).toEqual([`refs/oncall/incidents/${id}/${responderName('josé@laptop')}`]);
    // A ref of the incident that holds no responder file (pushed by hand, or by something else).
    const empty = gitOf(remote, ['hash-object', '-t', 'tree', '-w', '/dev/null']).trim();
    const commit = execFileSync(
      'git',
      [
        '--git-dir',
        remote,
        '-c',
        'user.name=x',
        '-c',
        'user.email=x@x',
        'commit-tree',
        empty,
        '-m',
        'odd',
      ],
      { encoding: 'utf8' },
    ).trim();
    gitOf(remote, ['update-ref', `refs/oncall/incidents/${id}/Strange`, commit]);

    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    await invoke(bob, joinIncident, joinCommand, { id, remote });
    expect(bob.stderr.take()).toContain(
      `skipped ref Strange: it holds no incidents/${id}/events/Strange.jsonl`,
    );
    await invoke(bob, note, noteCommand, { text: ['bob too'] });
    await invoke(bob, sync, syncCommand, {});
    await invoke(jose, sync, syncCommand, {});
    expect(await texts(jose, id)).toContain('note: bob too');
    expect(await texts(bob, id)).toContain('josé@laptop');
  });
});
