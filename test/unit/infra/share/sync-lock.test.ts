// The sync lock: one holder at a time; a holder that is gone does not block
// the next sync forever.
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
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

  it('is taken over by one process at a time: not while another is taking it over', () => {
    const file = lockFile();
    writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 1, at: Date.now() }));
    // A live process is taking it over right now.
    writeFileSync(`${file}.takeover`, JSON.stringify({ pid: process.ppid, at: Date.now() }));
    expect(trySyncLock(file)).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toContain(`"pid":${2 ** 22 + 1}`);
    // One that died doing so, long ago: its takeover lock is cleared, and the next try takes over.
    writeFileSync(`${file}.takeover`, JSON.stringify({ pid: 2 ** 22 + 2, at: 0 }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.takeover`, old, old);
    expect(trySyncLock(file)).toBeUndefined();
    expect(existsSync(`${file}.takeover`)).toBe(false);
    expect(trySyncLock(file)).toEqual({ stale: true });
    expect(existsSync(`${file}.takeover`)).toBe(false);
  });

  it('is not released by a process that does not hold it', () => {
    const file = lockFile();
    writeFileSync(file, JSON.stringify({ pid: 1, at: Date.now() }));
    releaseSyncLock(file);
    expect(readFileSync(file, 'utf8')).toContain('"pid":1');
  });
});
