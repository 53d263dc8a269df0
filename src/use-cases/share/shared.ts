// The three things a responder does with a share: publish an incident, join
// one, and sync. Each works in the remote's clone under its lock
// (session.ts), so two terminals (or a background sync and a typed `oncall
// sync`) never run git in one clone at once. A failure leaves the own log as
// it was; a failed sync is remembered in share.json so `oncall status` can say so.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EventOf, OncallEvent } from '../../domain/incident/events.js';
import { isIncidentId } from '../../domain/share/refs.js';
import { responderName } from '../../domain/share/responder.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { branchIncidentIds, fetchBranch } from '../../infra/share/branch.js';
import { type Clone, fetchedRefs, fetchIncident } from '../../infra/share/clone.js';
import { removeOldClone } from '../../infra/share/clone-repair.js';
import { cloneName } from '../../infra/share/remote.js';
import { readShareState, type ShareState, writeShareState } from '../../infra/share/share-state.js';
import { lockHolder } from '../../infra/share/sync-lock.js';
import { claimJoinedIncident, type IncidentRef, refOf } from '../../infra/store/incidents.js';
import { readLog } from '../../infra/store/log.js';
import { clonesDir } from '../../infra/store/paths.js';
import {
  type Fetched,
  fetchedIncident,
  type RemoteIncident,
  remoteIncidents,
} from './remote-incidents.js';
import { withClone } from './session.js';
import { type Sharer, type SyncResult, syncIncident } from './sync.js';

export type { Sharer } from './sync.js';

function newState(s: Sharer, remote: string, branch: string): ShareState {
  return {
    remote,
    branch,
    clone: cloneName(remote),
    file: `${responderName(s.actor)}.jsonl`,
    refs: s.refRoot ?? 'oncall',
  };
}

/**
 * share.json as this version keeps it. One written before refs (the incident
 * is on the branch) moves on: its events go to refs from now on, the branch
 * is still read for it, and the old clone (every incident ever shared) goes.
 */
function currentState(s: Sharer, recorded: ShareState): ShareState {
  if (recorded.refs) return recorded;
  const old = join(clonesDir(s.home), recorded.clone);
  if (lockHolder(`${old}.lock`) === undefined) removeOldClone(old);
  return { ...newState(s, recorded.remote, recorded.branch), ...pick(recorded), branchToo: true };
}

/** What a share.json keeps across a move: its sync state. */
function pick(state: ShareState): Partial<ShareState> {
  const { lastSyncedAt, lastError, peerCounter, peerHlc, clocks } = state;
  return { lastSyncedAt, lastError, peerCounter, peerHlc, clocks };
}

function openedOf(events: readonly OncallEvent[]): EventOf<'incident.opened'> | undefined {
  return events.find((e): e is EventOf<'incident.opened'> => e.type === 'incident.opened');
}

/** Two different incidents that happen to have the same id are never mixed. */
function refuseOtherIncident(remote: string, local: string, id: string, theirs: Fetched): never {
  const opened = theirs.opened as EventOf<'incident.opened'>;
  const by = safeLine(`${opened.actor}, "${opened.title}"`);
  throw new UsageError(
    `${remote} already holds a different incident with the id ${id} (${by}); ${local}`,
  );
}

/**
 * Runs one sync round and keeps its state (or the failure) in share.json;
 * `justFetched`: the incident was fetched a moment ago (a share, a join).
 */
export async function syncAndKeep(
  clone: Clone,
  s: Sharer,
  ref: IncidentRef,
  state: ShareState,
  justFetched = false,
): Promise<SyncResult> {
  try {
    const result = await syncIncident(clone, s, ref, state, justFetched);
    writeShareState(ref.dir, result.state);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const now = readShareState(ref.dir) ?? state;
    writeShareState(ref.dir, { ...now, lastError: { at: s.now().toISOString(), message } });
    throw error;
  }
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
    existing && existing.remote === remote
      ? currentState(s, existing)
      : newState(s, remote, branch);
  return withClone(s, { remote, name: state.clone }, async (clone) => {
    await fetchIncident(clone, ref.id, true);
    const theirs = await fetchedIncident(clone, ref.id);
    const ours = openedOf(readLog(ref.file).events);
    if (theirs.opened && ours && theirs.opened.id !== ours.id) {
      refuseOtherIncident(
        remote,
        'keep yours local, or join theirs on another ONCALL_HOME.',
        ref.id,
        theirs,
      );
    }
    writeShareState(ref.dir, state);
    return syncAndKeep(clone, s, ref, state, true);
  });
}

/** The incidents the remote holds, for `oncall join` to offer. */
export async function listShared(
  s: Sharer,
  remote: string,
  branch: string,
): Promise<RemoteIncident[]> {
  return withClone(s, { remote, name: cloneName(remote) }, (clone) =>
    remoteIncidents(clone, branch),
  );
}

/** Fetches incident `id` for a join: on refs, else on the older shares' branch. */
async function fetchToJoin(clone: Clone, id: string, branch: string) {
  await fetchIncident(clone, id, true);
  if ((await fetchedRefs(clone, id)).length > 0) return { branchToo: false };
  const onBranch = (await fetchBranch(clone, branch))
    ? (await branchIncidentIds(clone, branch)).includes(id)
    : false;
  if (!onBranch) {
    throw new UsageError(
      `${clone.remote} holds no incident ${id}. Run \`oncall join\` to list them.`,
    );
  }
  return { branchToo: true };
}

/**
 * `oncall join <id>`: fetches the incident (only it), makes its folder (own
 * log empty, peers' logs beside it), lets the caller record `responder.joined`, and syncs.
 */
export async function joinShared(
  s: Sharer,
  id: string,
  remote: string,
  branch: string,
  recordJoin: (ref: IncidentRef) => void,
): Promise<{ ref: IncidentRef; result: SyncResult; rejoined: boolean }> {
  // An id names folders here and refs there: never a path.
  if (!isIncidentId(id)) {
    throw new UsageError(
      `${JSON.stringify(id)} is not an incident id. Run \`oncall join\` to list them.`,
    );
  }
  const fresh = newState(s, remote, branch);
  return withClone(s, { remote, name: fresh.clone }, async (clone) => {
    const { branchToo } = await fetchToJoin(clone, id, branch);
    const theirs = await fetchedIncident(clone, id, branchToo ? branch : undefined);
    const local = refOf(s.home, id);
    const shared = readShareState(local.dir);
    const rejoined = existsSync(local.file) && statSync(local.file).size > 0;
    if (
      rejoined &&
      !shared &&
      theirs.opened &&
      openedOf(readLog(local.file).events)?.id !== theirs.opened.id
    ) {
      refuseOtherIncident(remote, 'this laptop has its own incident by that id.', id, theirs);
    }
    const ref = claimJoinedIncident(s.home, id);
    const same = shared && shared.remote === remote ? currentState(s, shared) : fresh;
    // The join is recorded after everything fetched: its counter and clock come after theirs.
    const state: ShareState = {
      ...same,
      ...(branchToo ? { branchToo } : {}),
      peerCounter: Math.max(same.peerCounter ?? 0, theirs.counter),
      ...(theirs.hlc ? { peerHlc: theirs.hlc } : {}),
    };
    writeShareState(ref.dir, state);
    if (!rejoined) recordJoin(ref);
    const result = await syncAndKeep(clone, s, ref, state, true);
    return { ref, result, rejoined };
  });
}

/** The incident's share state (moved on, and through `remote` when given), or a usage error. */
export function shareStateOf(s: Sharer, ref: IncidentRef, remote?: string): ShareState {
  const recorded = readShareState(ref.dir);
  if (!recorded) {
    throw new UsageError(`${ref.id} is not shared yet: \`oncall share\` publishes it.`);
  }
  const state = currentState(s, recorded);
  return remote && remote !== state.remote ? { ...state, remote, clone: cloneName(remote) } : state;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Rounds of "new events arrived while syncing: sync again" a typed sync makes before leaving them to the next. */
const ROUNDS = 5;

/**
 * `oncall sync` typed by hand: waits for a sync already running, then sends
 * and fetches. Events recorded while it ran are sent by another round.
 */
export async function syncShared(
  s: Sharer,
  ref: IncidentRef,
  remote?: string,
): Promise<SyncResult> {
  let state = shareStateOf(s, ref, remote);
  return withClone(s, { remote: state.remote, name: state.clone }, async (clone) => {
    let result: SyncResult | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const size = sizeOf(ref.file);
      result = await syncAndKeep(clone, s, ref, state);
      state = result.state;
      if (sizeOf(ref.file) === size) break;
    }
    return result as SyncResult;
  });
}
