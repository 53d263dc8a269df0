// A shared incident's settings and sync state: `share.json` in its folder,
// written whole (atomically) by share, join and sync while they hold the sync
// lock. Absent for an incident that is not shared. `oncall note` reads it on
// every note (to pick its Lamport counter and to start a background sync), so
// this module stays free of zod and of anything slow to load.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { writeFileAtomic } from '../store/atomic.js';
import { diskError, isErrno } from '../store/disk-error.js';
import { shareStateFile } from '../store/paths.js';

export interface ShareState {
  /** The git remote, as configured or given with --remote. */
  remote: string;
  branch: string;
  /** The local clone's folder name under ONCALL_HOME/share/. */
  clone: string;
  /** This responder's file in the remote's incidents/<id>/events/. */
  file: string;
  /** When a sync last reached the remote. */
  lastSyncedAt?: string;
  /** When the last sync failed, and why (one line). Cleared by the next that succeeds. */
  lastError?: { at: string; message: string };
  /** How much of this responder's own log the remote holds (bytes, from the start). */
  sharedBytes?: number;
  /** The highest Lamport counter among the peers' events as last fetched. */
  peerCounter?: number;
}

function isShareState(value: unknown): value is ShareState {
  const v = value as Partial<ShareState> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.remote === 'string' &&
    typeof v.branch === 'string' &&
    typeof v.clone === 'string' &&
    typeof v.file === 'string'
  );
}

/** The incident's share state, or undefined when it is not shared (or the file is unreadable). */
export function readShareState(incidentDir: string): ShareState | undefined {
  let text: string;
  try {
    text = readFileSync(shareStateFile(incidentDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isShareState(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function writeShareState(incidentDir: string, state: ShareState): void {
  const file = shareStateFile(incidentDir);
  try {
    writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw diskError(file, error);
  }
}

/** Events in the own log past what the remote holds: lines after `sharedBytes`. */
export function eventsNotShared(logFile: string, state: ShareState): number {
  let fd: number | undefined;
  try {
    fd = openSync(logFile, 'r');
    const stat = fstatSync(fd);
    const from = state.sharedBytes ?? 0;
    // Not a regular file (a folder in its place): nothing to count; the reading command says why.
    if (!stat.isFile() || stat.size <= from) return 0;
    const buffer = Buffer.alloc(stat.size - from);
    readSync(fd, buffer, 0, buffer.length, from);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
