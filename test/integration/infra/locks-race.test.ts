// The locks between processes under a real race (the clone's, a delivery's
// send lock): six processes take and let go of one lock hundreds of times,
// and three of them are killed holding it, so the rest race to take it over.
// At no moment are two inside at once (each marks its turn with a file only
// one can create). A lock read half written, or a stale lock removed by two
// waiters at once, once let two syncs run git in one clone.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One process's turns: take the lock (polling), mark the turn, let go; killed holding it on its last turn if asked. */
const worker = (take: string, release: string) => `
import { openSync, closeSync, unlinkSync, appendFileSync } from 'node:fs';
import * as lock from './lock.mjs';
const [file, inside, log, turns, dies] = process.argv.slice(2);
const nap = new Int32Array(new SharedArrayBuffer(4));
const taken = () => ${take};
for (let turn = 1; turn <= Number(turns); turn++) {
  while (!taken()) Atomics.wait(nap, 0, 0, 1);
  try {
    closeSync(openSync(inside, 'wx'));
  } catch {
    appendFileSync(log, 'two inside at once\\n');
    process.exit(1);
  }
  for (let spin = Date.now() + 1; Date.now() < spin; );
  unlinkSync(inside);
  if (dies === 'yes' && turn === Number(turns)) process.kill(process.pid, 'SIGKILL');
  ${release};
}
`;

const LOCKS = [
  {
    what: 'the clone lock',
    source: 'src/infra/share/sync-lock.ts',
    take: 'lock.trySyncLock(file) !== undefined',
    release: 'lock.releaseSyncLock(file)',
  },
  {
    what: "a delivery's send lock",
    source: 'src/infra/delivery/outbox-files.ts',
    // Refused only for a holder it can name: a lock let go of meanwhile is tried again.
    take: "((r) => r.taken || (r.owner ? false : (appendFileSync(log, 'refused, no holder named\\n'), false)))(lock.trySendLock(file))",
    release: 'lock.releaseSendLock(file)',
  },
];

/** Its exit code; null when a signal ended it. */
function run(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('close', (code) => resolve(code));
  });
}

describe.each(LOCKS)('$what, raced by processes', ({ source, take, release }) => {
  it('lets one in at a time, and one at a time takes over from holders that were killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-lock-race-'));
    dirs.push(dir);
    buildSync({
      entryPoints: [join(import.meta.dirname, '../../..', source)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'lock.mjs'),
      logLevel: 'silent',
    });
    writeFileSync(join(dir, 'worker.mjs'), worker(take, release));
    const [file, inside, log] = ['the.lock', 'inside', 'problems'].map((f) => join(dir, f));
    writeFileSync(log as string, '');
    const codes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        run([
          join(dir, 'worker.mjs'),
          file as string,
          inside as string,
          log as string,
          '150',
          i < 3 ? 'yes' : 'no',
        ]),
      ),
    );
    expect(readFileSync(log as string, 'utf8')).toBe('');
    expect(codes).toEqual([null, null, null, 0, 0, 0]);
  }, 60_000);
});
