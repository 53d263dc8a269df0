// The three things a responder does with a share: publish an incident, join
// one, and sync. Each holds the clone's sync lock while git runs, so two
// terminals (or a background sync and a typed `oncall sync`) never run git in
// one clone at once. A failure leaves the own log as it was; a failed sync is
// remembered in share.json so `oncall status` can say so.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventOf, OncallEvent } from '../../domain/incident/events.js';
import { highestCounter } from '../../domain/incident/order.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import { type Clone, fetchRemote, openClone } from '../../infra/share/clone.js';
import { cloneName, responderFile } from '../../infra/share/remote.js';
import { readShareState, type ShareState, writeShareState } from '../../infra/share/share-state.js';
import { releaseSyncLock, trySyncLock } from '../../infra/share/sync-lock.js';
import {
  claimJoinedIncident,
  ensureDir,
  type IncidentRef,
  refOf,
} from '../../infra/store/incidents.js';
import { parseLog, readLog } from '../../infra/store/log.js';
import { clonesDir } from '../../infra/store/paths.js';
import { syncLockFile } from './background.js';
import { type RemoteIncident, remoteIncident, remoteIncidents } from './remote-incidents.js';
import { type SyncResult, syncIncident } from './sync.js';

/** Who shares, and how: the same for every operation of one command. */
export interface Sharer {
  home: string;
  actor: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  forSharing: (event: OncallEvent) => OncallEvent;
}

/** How long a typed command waits for a sync already running (a background one) to finish. */
const LOCK_WAIT_MS = 60_000;
/** Rounds of "new events arrived while syncing: sync again" before leaving them to the next. */
const ROUNDS = 4;

async function lock(home: string, clone: string, wait: boolean): Promise<string | undefined> {
  ensureDir(clonesDir(home));
  const file = syncLockFile(home, clone);
  // A wait measured on the monotonic clock; the lock's own times are the processes' real ones.
  const deadline = performance.now() + (wait ? LOCK_WAIT_MS : 0);
  while (!trySyncLock(file)) {
    if (performance.now() >= deadline) {
      if (!wait) return undefined;
      throw new OncallError(
        'another sync has held the lock for a minute; try `oncall sync` again in a moment.',
      );
    }
    await sleep(100);
  }
  return file;
}

async function withLock<T>(s: Sharer, clone: string, fn: () => Promise<T>): Promise<T> {
  const file = (await lock(s.home, clone, true)) as string;
  try {
    return await fn();
  } finally {
    releaseSyncLock(file);
  }
}

function newState(s: Sharer, remote: string, branch: string): ShareState {
  return { remote, branch, clone: cloneName(remote, branch), file: responderFile(s.actor) };
}

function openedOf(events: readonly OncallEvent[]): EventOf<'incident.opened'> | undefined {
  return events.find((e): e is EventOf<'incident.opened'> => e.type === 'incident.opened');
}

function request(s: Sharer, ref: IncidentRef, state: ShareState) {
  return { ...s, incidentId: ref.id, incidentDir: ref.dir, ownLog: ref.file, state };
}

/** Two different incidents that happen to have the same id are never mixed. */
function refuseOtherIncident(remote: string, local: string, theirs: RemoteIncident): void {
  if (!theirs.opened) return;
  const by = safeLine(`${theirs.opened.actor}, "${theirs.opened.title}"`);
  throw new UsageError(
    `${remote} already holds a different incident with the id ${theirs.id} (${by}); ${local}`,
  );
}

/** `oncall share`: publishes the incident's log to the remote and marks it shared. */
export async function publishIncident(
  s: Sharer,
  ref: IncidentRef,
  remote: string,
  branch: string,
): Promise<SyncResult> {
  const existing = readShareState(ref.dir);
  const state =
    existing && existing.remote === remote && existing.branch === branch
      ? existing
      : newState(s, remote, branch);
  return withLock(s, state.clone, async () => {
    const clone = await openClone(s.home, state.clone, remote, branch, s.env);
    await fetchRemote(clone);
    const theirs = remoteIncident(clone, ref.id);
    const ours = openedOf(readLog(ref.file).events);
    if (theirs?.opened && ours && theirs.opened.id !== ours.id) {
      refuseOtherIncident(
        remote,
        'keep yours local, or join theirs on another ONCALL_HOME.',
        theirs,
      );
    }
    writeShareState(ref.dir, state);
    return syncIncident(request(s, ref, state));
  });
}

/** The incidents the remote holds, for `oncall join` to offer. */
export async function listRemote(s: Sharer, remote: string, branch: string) {
  const name = cloneName(remote, branch);
  return withLock(s, name, async () => {
    const clone = await openClone(s.home, name, remote, branch, s.env);
    await fetchRemote(clone);
    return remoteIncidents(clone);
  });
}

/** The highest counter among the incident's files in the clone: the joiner's starting point. */
function counterIn(clone: Clone, id: string): number {
  const dir = join(clone.dir, 'incidents', id, 'events');
  if (!existsSync(dir)) return 0;
  return highestCounter(
    readdirSync(dir).map((name) => {
      const file = join(dir, name);
      return parseLog(file, readFileSync(file, 'utf8')).events;
    }),
  );
}

/**
 * `oncall join <id>`: fetches the incident, makes its folder (own log empty,
 * peers' logs beside it), lets the caller record `responder.joined`, and syncs.
 */
export async function joinShared(
  s: Sharer,
  id: string,
  remote: string,
  branch: string,
  recordJoin: (ref: IncidentRef) => void,
): Promise<{ ref: IncidentRef; result: SyncResult; rejoined: boolean }> {
  // An id names folders here and in the clone: never a path.
  if (!/^[A-Za-z0-9][\w.-]*$/.test(id)) {
    throw new UsageError(
      `${JSON.stringify(id)} is not an incident id. Run \`oncall join\` to list them.`,
    );
  }
  const state = newState(s, remote, branch);
  return withLock(s, state.clone, async () => {
    const clone = await openClone(s.home, state.clone, remote, branch, s.env);
    await fetchRemote(clone);
    const theirs = remoteIncident(clone, id);
    if (!theirs) {
      throw new UsageError(`${remote} holds no incident ${id}. Run \`oncall join\` to list them.`);
    }
    const local = refOf(s.home, id);
    const shared = readShareState(local.dir);
    const rejoined = existsSync(local.file) && statSync(local.file).size > 0;
    if (rejoined && !shared && openedOf(readLog(local.file).events)?.id !== theirs.opened?.id) {
      refuseOtherIncident(remote, 'this laptop has its own incident by that id.', theirs);
    }
    const ref = claimJoinedIncident(s.home, id);
    const same = shared && shared.remote === remote && shared.branch === branch;
    const current = { ...(same ? shared : state), peerCounter: counterIn(clone, id) };
    writeShareState(ref.dir, current);
    if (!rejoined) recordJoin(ref);
    const result = await syncIncident(request(s, ref, current));
    return { ref, result, rejoined };
  });
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * `oncall sync` (typed, or started in the background): sends and fetches. A
 * background sync that finds another running leaves the work to it (undefined).
 * Events recorded while it ran are sent by another round before it ends.
 */
export async function syncShared(
  s: Sharer,
  ref: IncidentRef,
  options: { background: boolean; remote?: string },
): Promise<SyncResult | undefined> {
  const recorded = readShareState(ref.dir);
  if (!recorded) {
    throw new UsageError(`${ref.id} is not shared yet: \`oncall share\` publishes it.`);
  }
  let state = recorded;
  if (options.remote && options.remote !== recorded.remote) {
    state = {
      ...recorded,
      remote: options.remote,
      clone: cloneName(options.remote, recorded.branch),
    };
  }
  let file = await lock(s.home, state.clone, !options.background);
  let result: SyncResult | undefined;
  for (let round = 0; file && round < ROUNDS; round++) {
    const size = sizeOf(ref.file);
    try {
      result = await syncIncident(request(s, ref, state));
      state = result.state;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = s.now().toISOString();
      writeShareState(ref.dir, {
        ...(readShareState(ref.dir) ?? recorded),
        lastError: { at, message },
      });
      throw error;
    } finally {
      releaseSyncLock(file);
    }
    // A note recorded while this ran saw the lock held and started nothing: send it now.
    file = sizeOf(ref.file) > size ? await lock(s.home, state.clone, false) : undefined;
  }
  return result;
}
