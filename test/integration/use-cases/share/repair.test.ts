// oncall owns its clones and repairs them itself. A sync killed at the wrong
// moment (a closed lid, the OOM killer) leaves its lock and git's lock files
// and half-written packs; a disk fault damages an object. The next sync
// recovers by itself, and the remote ends up with every own event exactly once.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import { shareCommand, syncCommand } from '../../../../src/commands/share/definition.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { responderName } from '../../../../src/domain/share/responder.js';
import { startIncidentIn, type TestContext, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo, responderFile, waitFor } from '../../../helpers/share.js';

/** A pid no process can have (above the kernel's pid_max). */
const GONE = 2 ** 22 + 1;

async function sharedLaptop(): Promise<{
  ctx: TestContext;
  id: string;
  remote: string;
  clone: string;
}> {
  const remote = bareRepo();
  const ctx = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
  const id = await startIncidentIn(ctx);
  await invoke(ctx, share, shareCommand, { remote });
  await invoke(ctx, note, noteCommand, { text: ['before the crash'] });
  await invoke(ctx, sync, syncCommand, {});
  const shared = join(ctx.home, 'share');
  const clone = readdirSync(shared).find((n) => n.endsWith('.git')) as string;
  return { ctx, id, remote, clone: join(shared, clone) };
}

/** Each own event on the remote exactly once, and every note of the own log among them. */
function everyEventOnce(ctx: TestContext, remote: string, id: string): void {
  const lines = responderFile(remote, id, 'alice@a').split('\n').filter(Boolean);
  const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
  expect(new Set(ids).size).toBe(ids.length);
  const own = readFileSync(join(ctx.home, 'incidents', id, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { id: string }).id);
  expect(ids.sort()).toEqual(own.sort());
}

describe('a sync killed at the wrong moment', () => {
  it("leaves its lock and git's leftovers: the next sync takes over, tidies, and goes through", async () => {
    const { ctx, id, remote, clone } = await sharedLaptop();
    const name = responderName('alice@a');
    const leftovers = [
      'index.lock',
      'HEAD.lock',
      'config.lock',
      'packed-refs.lock',
      'shallow.lock',
      `refs/remotes/origin/incidents/${id}/${name}.lock`,
      'objects/pack/tmp_pack_Ab12Cd',
      'gc.pid',
    ];
    for (const file of leftovers) {
      mkdirSync(join(clone, file, '..'), { recursive: true });
      writeFileSync(join(clone, file), 'half');
    }
    mkdirSync(join(clone, 'rebase-merge'));
    // The killed holder's lock: its process and its git are gone.
    writeFileSync(`${clone}.lock`, JSON.stringify({ pid: GONE, at: Date.now(), gitPgid: GONE }));

    await invoke(ctx, note, noteCommand, { text: ['after the crash'] });
    await invoke(ctx, sync, syncCommand, {});
    for (const file of [...leftovers, 'rebase-merge'])
      expect(existsSync(join(clone, file)), file).toBe(false);
    expect(existsSync(`${clone}.lock`)).toBe(false);
    everyEventOnce(ctx, remote, id);
  });

  it('a holder that is gone while its git still runs: that git goes first', async () => {
    const { ctx, id, remote, clone } = await sharedLaptop();
    // A git left running by a holder killed with SIGKILL: its own process group.
    const orphan = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const ended = new Promise((resolve) => orphan.on('exit', resolve));
    writeFileSync(
      `${clone}.lock`,
      JSON.stringify({ pid: GONE, at: Date.now(), gitPgid: orphan.pid }),
    );
    await invoke(ctx, note, noteCommand, { text: ['after the orphan'] });
    await invoke(ctx, sync, syncCommand, {});
    await ended;
    expect(orphan.signalCode).toBe('SIGKILL');
    everyEventOnce(ctx, remote, id);
  });

  it('a live holder keeps its lock: a typed sync waits for it', async () => {
    const { ctx, clone } = await sharedLaptop();
    writeFileSync(`${clone}.lock`, JSON.stringify({ pid: process.pid, at: Date.now() }));
    let done = false;
    const syncing = invoke(ctx, sync, syncCommand, {}).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(done).toBe(false);
    writeFileSync(`${clone}.lock`, JSON.stringify({ pid: GONE, at: Date.now() }));
    await syncing;
    await waitFor('the sync after the holder let go', () => done);
  });
});

describe('a damaged clone', () => {
  it('is set aside and made again; nothing lost, nothing doubled', async () => {
    const { ctx, id, remote, clone } = await sharedLaptop();
    const packs = join(clone, 'objects', 'pack');
    for (const file of readdirSync(packs).filter((f) => f.endsWith('.pack'))) {
      truncateSync(join(packs, file), Math.floor(statSync(join(packs, file)).size / 2));
    }
    for (const dir of readdirSync(join(clone, 'objects')).filter((d) => /^[0-9a-f]{2}$/.test(d))) {
      for (const file of readdirSync(join(clone, 'objects', dir))) {
        writeFileSync(join(clone, 'objects', dir, file), 'not an object');
      }
    }
    await invoke(ctx, note, noteCommand, { text: ['after the disk fault'] });
    await invoke(ctx, sync, syncCommand, {});
    expect(readdirSync(join(clone, '..')).some((n) => n.includes('.damaged-'))).toBe(true);
    everyEventOnce(ctx, remote, id);
    // And the next one works in the clone made again.
    await invoke(ctx, note, noteCommand, { text: ['and after'] });
    await invoke(ctx, sync, syncCommand, {});
    everyEventOnce(ctx, remote, id);
  });
});

describe('a clone a crash left unreadable to git (its HEAD or config empty or garbled, a folder gone)', () => {
  // A sync reads the clone's layout itself when it looks as git wrote it, and asks git otherwise.
  it.for([
    ['HEAD emptied', (clone: string) => writeFileSync(join(clone, 'HEAD'), '')],
    ['config garbled', (clone: string) => writeFileSync(join(clone, 'config'), '\0\0\0\0')],
    ['refs/ gone', (clone: string) => rmSync(join(clone, 'refs'), { recursive: true })],
  ] as const)(
    '%s: is set aside and made again; nothing lost, nothing doubled',
    async ([, damage]) => {
      const { ctx, id, remote, clone } = await sharedLaptop();
      damage(clone);
      await invoke(ctx, note, noteCommand, { text: ['after the crash'] });
      await invoke(ctx, sync, syncCommand, {});
      expect(readdirSync(join(clone, '..')).some((n) => n.includes('.damaged-'))).toBe(true);
      everyEventOnce(ctx, remote, id);
    },
  );
});
