// The sync lock: one holder at a time; a holder that is gone does not block
// the next sync forever.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockHolder, releaseSyncLock, trySyncLock } from '../../../../src/infra/share/sync-lock.js';

const lockFile = () => join(mkdtempSync(join(tmpdir(), 'oncall-lock-')), 'clone.lock');

describe('the sync lock', () => {
  it('is held by one process until released', () => {
    const file = lockFile();
    expect(lockHolder(file)).toBeUndefined();
    expect(trySyncLock(file)).toEqual({ stale: false });
    expect(lockHolder(file)).toBe(process.pid);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    releaseSyncLock(file);
    expect(lockHolder(file)).toBeUndefined();
    expect(trySyncLock(file)).toEqual({ stale: false });
  });

  it('is taken over from a process that is gone, or that stopped refreshing it for two minutes', () => {
    const gone = lockFile();
    writeFileSync(gone, JSON.stringify({ pid: 2 ** 22 + 1, at: Date.now() }));
    expect(lockHolder(gone)).toBeUndefined();
    expect(trySyncLock(gone)).toEqual({ stale: true });

    const old = lockFile();
    writeFileSync(old, JSON.stringify({ pid: process.pid, at: Date.now() - 3 * 60_000 }));
    expect(trySyncLock(old)).toEqual({ stale: true });

    const torn = lockFile();
    writeFileSync(torn, '{"pid":');
    expect(trySyncLock(torn)).toEqual({ stale: true });
  });

  it('is not released by a process that does not hold it', () => {
    const file = lockFile();
    writeFileSync(file, JSON.stringify({ pid: 1, at: Date.now() }));
    releaseSyncLock(file);
    expect(readFileSync(file, 'utf8')).toContain('"pid":1');
  });
});
