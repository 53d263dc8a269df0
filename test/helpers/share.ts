// Shared-incident tests: a bare git repository made by the test as the team's
// remote, what its history holds, and a seeded random source so "syncs
// interleaved at random" fails the same way every time it fails.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { responderName } from '../../src/domain/share/responder.js';

/** A new, empty bare repository: the remote a team would create for incidents. */
export function bareRepo(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'oncall-remote-')), 'incidents.git');
  execFileSync('git', ['init', '--quiet', '--bare', dir]);
  // As a hosted remote, it does not start `git gc --auto` after every push it
  // receives (git's default for a bare repository): the tests' pushes are thousands.
  appendFileSync(join(dir, 'config'), '[receive]\n\tautogc = false\n');
  return dir;
}

/** `git <args>` against the bare repository, its output as text. */
export function gitOf(remote: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', remote, ...args], { encoding: 'utf8' });
}

/** Every path any commit of any ref ever touched. */
export function pathsInHistory(remote: string): string[] {
  const out = gitOf(remote, ['log', '--all', '--format=', '--name-only']);
  return [...new Set(out.split('\n').filter(Boolean))].sort();
}

/** Every ref of the remote. */
export function refsOf(remote: string): string[] {
  return gitOf(remote, ['for-each-ref', '--format=%(refname)']).split('\n').filter(Boolean);
}

/** A responder's file of an incident as the remote holds it now (their ref), '' when there is none. */
export function responderFile(remote: string, id: string, actor: string): string {
  const name = responderName(actor);
  try {
    return gitOf(remote, [
      'show',
      `refs/oncall/incidents/${id}/${name}:incidents/${id}/events/${name}.jsonl`,
    ]);
  } catch {
    return '';
  }
}

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stand-in for `ssh` (GIT_SSH_COMMAND): runs the git command it is asked to
 * run on this machine, so ssh://fake/<path> reaches a local bare repository.
 * While the file `down` exists it fails as ssh does when the network is gone;
 * while `denied` exists, as when the key is refused.
 */
export function fakeSsh(): { command: string; down: string; denied: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-ssh-'));
  const down = join(dir, 'down');
  const denied = join(dir, 'denied');
  const script = join(dir, 'ssh');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `if [ -e '${down}' ]; then echo 'ssh: connect to host fake port 22: Network is unreachable' >&2; exit 255; fi`,
      `if [ -e '${denied}' ]; then echo 'git@fake: Permission denied (publickey).' >&2; exit 255; fi`,
      'while [ $# -gt 1 ]; do shift; done',
      'exec sh -c "$1"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return { command: script, down, denied };
}

/** Waits until `check` returns a value (not undefined/false), polling; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
