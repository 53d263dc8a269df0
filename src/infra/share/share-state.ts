// A shared incident's settings and sync state: `share.json` in its folder,
// written whole (atomically) by share, join and sync while they hold the clone
// lock. Absent for an incident that is not shared. `oncall note` reads it on
// every note (to pick its Lamport counter and hybrid clock, and to start a
// background sync), so this module stays free of zod and of anything slow to load.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { RefRoot } from '../../domain/share/refs.js';
import { writeFileAtomic } from '../store/atomic.js';
import { diskError, isErrno } from '../store/disk-error.js';
import { shareStateFile } from '../store/paths.js';

/** A background sync that failed and waits to try again. */
interface Retry {
  attempt: number;
  /** When the next attempt starts. */
  nextAt: string;
  /** When it gives up: 15 minutes after the newest event not yet shared. */
  until: string;
  message: string;
  /** The background sync that waits to try (one is enough). */
  pid: number;
}

export interface ShareState {
  /** The git remote, as configured or given with --remote. */
  remote: string;
  /** The branch shares made before refs kept incidents on (read for those, never written). */
  branch: string;
  /** The local clone's folder name under ONCALL_HOME/share/. */
  clone: string;
  /**
   * This responder's file: `<responder name>.jsonl` in the own ref. A
   * share.json written before refs names the file in the branch here.
   */
  file: string;
  /** Absent in a share.json written before refs: the next sync moves it on. */
  refs?: RefRoot;
  /** The incident was shared on the branch first: its older files are read there too. */
  branchToo?: boolean;
  /** The branch's commit last read (it is read again only when it moved). */
  branchTip?: string;
  /** When a sync last reached the remote. */
  lastSyncedAt?: string;
  /** When the last sync failed, and why (one line). Cleared by the next that succeeds. */
  lastError?: { at: string; message: string };
  /** A background sync waiting to try again (status shows it). */
  retry?: Retry;
  /** How much of this responder's own log the remote holds (bytes, from the start). */
  sharedBytes?: number;
  /** The highest Lamport counter among the peers' events as last fetched. */
  peerCounter?: number;
  /** The highest hybrid clock among the peers' events as last fetched. */
  peerHlc?: string;
  /**
   * How far each peer's clock seems off from this laptop's (ms, + ahead), as
   * last estimated (domain/incident/clocks.ts); only those off by over a minute.
   */
  clocks?: Record<string, number>;
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

/** Changes share.json as it is on disk now (others write it too), if the incident is still shared. */
export function updateShareState(
  incidentDir: string,
  change: (state: ShareState) => ShareState,
): ShareState | undefined {
  const now = readShareState(incidentDir);
  if (!now) return undefined;
  const next = change(now);
  writeShareState(incidentDir, next);
  return next;
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
