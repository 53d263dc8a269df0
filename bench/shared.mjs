// A shared incident for the bench: its log, a bare repository made here as
// the team's remote, and the share.json `oncall share` would have written, so
// each `oncall note` on it starts a background sync exactly as on a laptop.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { responderName } from './remote.mjs';

/** Makes incident `id` under `home` shared through a new bare repository in `dir`. */
export function sharedIncident(home, dir, id) {
  const remote = join(dir, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', remote]);
  const folder = join(home, 'incidents', id);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const opened = {
    v: 1,
    id: '019a0000-0000-7000-8000-000000000001',
    incident: id,
    ts: '2026-11-22T02:00:00.000Z',
    actor: 'bench@host',
    lamport: 1,
    type: 'incident.opened',
    title: 'bench',
    severity: 'SEV2',
    nextUpdateDue: null,
  };
  writeFileSync(join(folder, 'events.jsonl'), `${JSON.stringify(opened)}\n`, { mode: 0o600 });
  const state = {
    remote,
    branch: 'main',
    clone: 'bench-remote.git',
    file: `${responderName('bench@host')}.jsonl`,
    refs: 'oncall',
  };
  writeFileSync(join(folder, 'share.json'), JSON.stringify(state), { mode: 0o600 });
}

/** Waits (up to a minute) for the background syncs the notes started to let go of their lock. */
export async function syncsFinished(home) {
  const locks = join(home, 'share');
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (!existsSync(locks) || !readdirSync(locks).some((n) => n.endsWith('.lock'))) return;
    await sleep(100);
  }
}

/**
 * The same, without leaving the bench's synchronous loop: after each timed
 * shared note, so its background git does not run into the next subject's
 * timing (the note's own time is what the responder waits for).
 */
export function syncsFinishedNow(home) {
  const locks = join(home, 'share');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 60_000; waited += 20) {
    if (!existsSync(locks) || !readdirSync(locks).some((n) => n.endsWith('.lock'))) return;
    Atomics.wait(pause, 0, 0, 20);
  }
}
