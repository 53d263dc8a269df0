// Sharing when things go wrong, commands run in process against a real git
// remote (a bare repository made here; background syncs run when the test
// says): a remote that is not a git URL, a code repository (whose branches are
// never written), unreachable, or refusing the key; a damaged or
// doubled peer file. Also what must hold however it goes: the background sync
// sends what a note recorded, the remote's history holds only incidents/ files
// and no secret, and everything oncall keeps locally is the user's alone.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { responderName } from '../../../../src/domain/share/responder.js';
import { MINUTE } from '../../../helpers/context.js';
import {
  type Box,
  logPath,
  oncall,
  type Result,
  runBackground,
  sandbox,
  startIncident,
} from '../../../helpers/in-process.js';
import {
  bareRepo,
  fakeSsh,
  gitOf,
  pathsInHistory,
  refsOf,
  responderFile,
} from '../../../helpers/share.js';
import { expectUsageError } from '../../../helpers/words.js';

function ok(r: Result): Result {
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** One line on stderr naming `remote`, exit `code`, no stack. */
function expectOneLine(r: Result, code: number, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  for (const part of parts) expect(r.stderr).toContain(part);
}

const shareFile = (box: Box, id: string) => join(box.home, 'incidents', id, 'share.json');

function shareState(box: Box, id: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(shareFile(box, id), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every file and folder under `dir`, with its mode. */
function modes(dir: string): { path: string; mode: number; folder: boolean }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const here = { path, mode: statSync(path).mode & 0o777, folder: entry.isDirectory() };
    return entry.isDirectory() ? [here, ...modes(path)] : [here];
  });
}

describe('bad remotes: one line naming the remote and the fix, the log untouched', () => {
  it('not a git URL (exit 2); a code repository keeps its branches as they were', async () => {
    const box = sandbox({ ONCALL_SYNC: 'off' });
    const id = await startIncident(box);
    const before = readFileSync(logPath(box, id), 'utf8');
    expectUsageError(
      await oncall(box, ['share', '--remote', 'not a url']),
      '"not a url" is not a git URL',
    );
    expectUsageError(await oncall(box, ['share', '--remote', 'gopher://x/y']), 'gopher://x/y');
    expectUsageError(
      await oncall(box, ['share', '--remote', 'https://me:hunter2@git.example.com/team/x.git']),
      'carries a password',
    );
    expectUsageError(await oncall(box, ['share']), 'no share remote');

    // A code repository: its main branch holds other files.
    const code = bareRepo();
    const work = join(box.dir, 'work');
    execFileSync('git', ['clone', '--quiet', code, work]);
    writeFileSync(join(work, 'README.md'), '# our service\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
    git('add', 'README.md');
    git('commit', '--quiet', '-m', 'readme');
    git('push', '--quiet', 'origin', 'HEAD:main');
    expect(readFileSync(logPath(box, id), 'utf8')).toBe(before);
    expect(existsSync(shareFile(box, id))).toBe(false);
    // Incidents live under refs/oncall/: a repository's own branches are never written.
    const main = gitOf(code, ['rev-parse', 'main']);
    ok(await oncall(box, ['share', '--remote', code]));
    expect(gitOf(code, ['rev-parse', 'main'])).toBe(main);
    expect(gitOf(code, ['ls-tree', '-r', '--name-only', 'main'])).toBe('README.md\n');
    expect(refsOf(code)).toEqual([
      'refs/heads/main',
      `refs/oncall/incidents/${id}/${responderName('alice@test')}`,
    ]);
  }, 60_000);

  it('unreachable and refused (exit 1): notes still recorded, a later sync delivers them', async () => {
    const remote = bareRepo();
    const ssh = fakeSsh();
    const url = `ssh://git@fake${remote}`;
    // Background syncs on, as on a laptop: each note starts one.
    const box = sandbox({ GIT_SSH_COMMAND: ssh.command, ONCALL_ACTOR: 'alice@a' });
    const id = await startIncident(box);
    ok(await oncall(box, ['share', '--remote', url]));

    writeFileSync(ssh.down, '');
    // Time passes on the laptop: the failure comes after the last sync that got through.
    box.clock.advance(MINUTE);
    box.background.length = 0;
    for (const text of ['one', 'two', 'three']) {
      expect(ok(await oncall(box, ['note', `offline ${text}`])).stdout).toContain('Noted');
    }
    expect(box.background).toContainEqual(['sync', '--background', '--incident', id]);
    // The background sync fails (detached: what it prints reaches no one), tries again and
    // again for 15 minutes (the box's waits pass at once), gives up and says so in share.json.
    await runBackground(box);
    expect(shareState(box, id)?.lastError).toBeTruthy();
    const status = ok(await oncall(box, ['status'])).stdout;
    expect(status).toContain('3 events not yet shared');
    expect(status).toMatch(/! last sync failed \S+ ago: cannot reach ssh:\/\/git@fake/);
    const log = readFileSync(logPath(box, id), 'utf8');
    expectOneLine(await oncall(box, ['sync']), 1, `cannot reach ${url}`, 'Network is unreachable');
    unlinkSync(ssh.down);
    writeFileSync(ssh.denied, '');
    expectOneLine(await oncall(box, ['sync']), 1, `${url} refused authentication`, 'ssh-add');
    expect(readFileSync(logPath(box, id), 'utf8')).toBe(log);

    unlinkSync(ssh.denied);
    expect(ok(await oncall(box, ['sync'])).stdout).toMatch(/Synced .*: sent \d events?/);
    const shared = responderFile(remote, id, 'alice@a');
    for (const text of ['one', 'two', 'three']) expect(shared).toContain(`offline ${text}`);
    expect(ok(await oncall(box, ['status'])).stdout).not.toContain('not yet shared');
  }, 120_000);
});

describe('a shared incident on one laptop', () => {
  it('a note starts a background sync that sends it; the lock is let go', async () => {
    const remote = bareRepo();
    const box = sandbox({ ONCALL_ACTOR: 'alice@a' });
    const id = await startIncident(box);
    ok(await oncall(box, ['share', '--remote', remote]));
    box.background.length = 0;
    ok(await oncall(box, ['note', 'sent in the background']));
    // Started, not waited for: the note is not on the remote until the sync runs.
    expect(box.background).toEqual([['sync', '--background', '--incident', id]]);
    const onRemote = () => responderFile(remote, id, 'alice@a').includes('sent in the background');
    expect(onRemote()).toBe(false);
    await runBackground(box);
    expect(onRemote()).toBe(true);
    const lock = join(box.home, 'share');
    expect(readdirSync(lock).filter((name) => name.endsWith('.lock'))).toEqual([]);
    expect(ok(await oncall(box, ['status'])).stdout).not.toContain('not yet shared');
  }, 60_000);

  it('shares only incidents/ files, redacted, and keeps every local file private', async () => {
    const remote = bareRepo();
    const box = sandbox({ ONCALL_ACTOR: 'alice@a', ONCALL_SYNC: 'off' });
    writeFileSync(
      join(box.cwd, 'oncall.config.yaml'),
      `share:\n  remote: ${remote}\nredact:\n  - 'CORP-[0-9]{6}'\n`,
      { mode: 0o600 },
    );
    const id = await startIncident(box);
    ok(await oncall(box, ['share']));
    // The note's quick redaction knows the password form; only the full redactor knows the team's pattern.
    ok(await oncall(box, ['note', 'db login password=hunter2 failed, ticket CORP-123456']));
    ok(await oncall(box, ['sync']));

    expect(pathsInHistory(remote)).toEqual([
      `incidents/${id}/events/${responderName('alice@a')}.jsonl`,
    ]);
    const history = gitOf(remote, ['log', '-p', '--all', '--format=%an <%ae> %s']);
    expect(history).toContain('alice@a <alice@a>');
    expect(history).toContain('db login password=');
    expect(history).not.toContain('hunter2');
    expect(history).not.toContain('CORP-123456');

    const files = modes(box.home);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      expect(`${f.path} ${(f.mode & 0o077).toString(8)}`).toBe(`${f.path} 0`);
      if (f.folder) expect(f.mode, f.path).toBe(0o700);
    }
    const clones = readdirSync(join(box.home, 'share')).filter((n) => !n.endsWith('.lock'));
    const config = readFileSync(join(box.home, 'share', clones[0] as string, 'config'), 'utf8');
    expect(config).toContain(remote);
    expect(config).not.toMatch(/password|token|hunter2/i);
  }, 60_000);

  it('a damaged peer line is warned with file:line; a doubled peer file counts once', async () => {
    const remote = bareRepo();
    const alice = sandbox({ ONCALL_ACTOR: 'alice@a', ONCALL_SYNC: 'off' });
    const bob = sandbox({ ONCALL_ACTOR: 'bob@b', ONCALL_SYNC: 'off' });
    const id = await startIncident(alice);
    ok(await oncall(alice, ['share', '--remote', remote]));
    ok(await oncall(alice, ['note', 'from alice']));
    ok(await oncall(alice, ['sync']));
    ok(await oncall(bob, ['join', id, '--remote', remote]));
    const count = JSON.parse(ok(await oncall(bob, ['timeline', '--json'])).stdout).length;

    const peers = join(bob.home, 'incidents', id, 'peers');
    const peer = join(peers, `${responderName('alice@a')}.jsonl`);
    const lines = readFileSync(peer, 'utf8').split('\n').filter(Boolean).length;
    copyFileSync(peer, join(peers, 'alice@a-second-clone.jsonl'));
    appendFileSync(peer, '{"torn": \n');
    const r = ok(await oncall(bob, ['timeline', '--json']));
    expect(JSON.parse(r.stdout)).toHaveLength(count);
    expect(r.stderr).toContain(`${peer}:${lines + 1}: not valid JSON; skipped`);
  }, 60_000);
});
