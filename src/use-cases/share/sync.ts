// One sync of one shared incident: send this responder's new events, fetch
// everyone else's. The remote holds one ref per responder per incident
// (domain/share/refs.ts), each holding that responder's file; each responder
// only ever writes their own ref, so two responders' pushes never meet. A sync:
//   1. fetches the incident's refs (only this incident's: the cost does not
//      grow with the remote), and the older shares' branch when the incident
//      was on it,
//   2. writes the events of the local log the own file lacks (by id; redacted
//      for sharing; lines already there kept as they are) as one commit on top
//      of the own ref, and pushes it; a push turned down (the same responder on
//      another laptop pushed meanwhile) fetches and tries again, with backoff,
//      until a deadline,
//   3. copies the peers' files into the incident's peers/ folder (peers.ts),
//   4. notes what it saw: the peers' highest counter and clock (the next event
//      comes after them), how far their clocks seem off, and how much of the
//      own log the remote holds.
// The local log is only read, never written.
import { readFileSync } from 'node:fs';
import { estimateClocks } from '../../domain/incident/clocks.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { highestClock, highestCounter } from '../../domain/incident/order.js';
import type { RefRoot } from '../../domain/share/refs.js';
import { responderName } from '../../domain/share/responder.js';
import { OncallError } from '../../errors.js';
import { fetchBranch, readBranchFiles } from '../../infra/share/branch.js';
import {
  type Clone,
  commitOwnFile,
  fetchedRefs,
  fetchIncident,
  housekeep,
  pushOwnRef,
  type RefFile,
  readRefFiles,
} from '../../infra/share/clone.js';
import type { GitLimits } from '../../infra/share/git.js';
import type { ShareState } from '../../infra/share/share-state.js';
import { type Signing, signedRefs } from '../../infra/share/signing.js';
import type { IncidentRef } from '../../infra/store/incidents.js';
import { parseLog } from '../../infra/store/log.js';
import { copyPeers, type Pulled } from './peers.js';

/** Who shares, and how: the same for every operation of one command. */
export interface Sharer {
  home: string;
  actor: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** An event as it may leave the laptop (redact-event.ts). */
  forSharing: (event: OncallEvent) => OncallEvent;
  /** Waits (between pushes turned down, between a background sync's attempts). */
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter of those waits. */
  random: () => number;
  /** The team signs its commits (share.signing). */
  signing?: Signing;
  /** Where refs go when this responder starts sharing (share.refs). */
  refRoot?: RefRoot;
  /** How long git may take (a test's shorter ones); else the product's. */
  limits?: GitLimits;
}

export interface SyncResult {
  /** Events of this responder added to the remote by this sync. */
  sent: number;
  /** Peers' events that were not here before. */
  received: number;
  /** Who else has written to the incident. */
  peers: string[];
  /** What the responder should know: files or refs skipped, refs moved; one line each. */
  warnings: string[];
  state: ShareState;
}

/** How long a push turned down again and again is tried before giving up. */
const PUSH_DEADLINE_MS = 60_000;

/** The own log's text ('' before the first event: a joined incident's log is made by the join). */
function readOwnLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A pulled file's events read as they are. */
const eventsOf = (text: string) => parseLog('remote', text).events;

/** The remote file's text with the events it lacks appended, and how many those are. */
function appendMissing(existing: string, own: readonly OncallEvent[], there: Set<string>) {
  const missing = own.filter((e) => !there.has(e.id));
  if (missing.length === 0) return { text: existing, added: 0 };
  const start = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return {
    text: start + missing.map((e) => `${JSON.stringify(e)}\n`).join(''),
    added: missing.length,
  };
}

interface Round {
  clone: Clone;
  sharer: Sharer;
  ref: IncidentRef;
  state: ShareState;
  /** This responder's name on the remote. */
  name: string;
  /** What the responder should know (warnings). */
  said: string[];
}

/** The incident's refs as last fetched, and each one's file, read by two git processes. */
async function onRemote(r: Round): Promise<RefFile[]> {
  return readRefFiles(r.clone, r.ref.id, await fetchedRefs(r.clone, r.ref.id));
}

/** The own ref under each root, and every id the remote already holds of this responder. */
function ownOnRemote(r: Round, files: readonly RefFile[]) {
  const ids = new Set<string>();
  const texts = new Map<RefRoot, { text: string; oid: string }>();
  for (const f of files) {
    if (f.ref.name !== r.name || f.text === undefined) continue;
    for (const e of eventsOf(f.text)) ids.add(e.id);
    texts.set(f.ref.root, { text: f.text, oid: f.ref.oid });
  }
  return { ids, texts };
}

/** Waits before trying a push again: full jitter, up to 4 s. */
function backoff(r: Round, attempt: number): Promise<void> {
  return r.sharer.sleep(r.sharer.random() * Math.min(4_000, 100 * 2 ** attempt));
}

/**
 * Step 2: the remote holds every event of `own` once this returns; how many it
 * sent, and the incident's files as last fetched (a push moves no ref of the
 * clone's: what step 3 reads is what the last attempt read).
 */
async function sendOwn(
  r: Round,
  own: readonly OncallEvent[],
  deadline: number,
): Promise<{ sent: number; fetched: RefFile[] }> {
  let root: RefRoot = r.state.refs ?? r.sharer.refRoot ?? 'oncall';
  for (let attempt = 0; ; attempt++) {
    const fetched = await onRemote(r);
    const { ids, texts } = ownOnRemote(r, fetched);
    const current = texts.get(root);
    const { text, added } = appendMissing(current?.text ?? '', own, ids);
    if (added === 0) return { sent: 0, fetched };
    const message = `${r.ref.id}: ${added} event${added === 1 ? '' : 's'} from ${r.sharer.actor}`;
    const file = { id: r.ref.id, name: r.name, text, ...(current ? { parent: current.oid } : {}) };
    const commit = await commitOwnFile(r.clone, file, r.sharer.actor, message);
    const outcome = await pushOwnRef(r.clone, commit, { root, id: r.ref.id, name: r.name });
    if (outcome === 'pushed') {
      r.state = { ...r.state, refs: root };
      return { sent: added, fetched };
    }
    if (outcome === 'refused') {
      if (root === 'branches') {
        throw new OncallError(
          `${r.clone.remote} refuses both refs/oncall/… and refs/heads/oncall/…: give oncall a repository (or a branch namespace) it may push to.`,
        );
      }
      root = 'branches';
      r.said.push(
        `${r.clone.remote} takes only branches: your events go under refs/heads/oncall/ (share.refs: branches starts there)`,
      );
      continue;
    }
    if (Date.now() >= deadline) {
      throw new OncallError(
        `${r.clone.remote}: your ref kept moving for ${Math.round(PUSH_DEADLINE_MS / 1000)} s (you are syncing this incident from another laptop too); run \`oncall sync\` again.`,
      );
    }
    await backoff(r, attempt);
    await fetchIncident(r.clone, r.ref.id);
  }
}

/** Step 3's input: every responder's file of the incident (the own too), as fetched. */
async function pull(
  r: Round,
  fetched: readonly RefFile[],
  signing: Signing | undefined,
): Promise<{ files: Pulled[]; skipped: string[] }> {
  const refs = fetched.map((f) => f.ref);
  const signed = signing ? await signedRefs(r.clone, refs, signing) : undefined;
  const files: Pulled[] = [];
  const skipped: string[] = [];
  for (const f of fetched) {
    if (f.text === undefined) {
      skipped.push(`skipped ref ${f.ref.name}: it ${f.problem ?? 'cannot be read'}`);
      continue;
    }
    const tags = [
      ...(f.ref.root === 'branches' ? ['branches'] : []),
      ...(signed && !signed.has(`${f.ref.root}/${f.ref.name}`) ? ['unsigned'] : []),
    ];
    files.push({ name: f.ref.name, tags, text: f.text });
  }
  if (r.state.branchToo && (await fetchBranch(r.clone, r.state.branch))) {
    for (const b of await readBranchFiles(r.clone, r.state.branch, r.ref.id)) {
      if (b.text === undefined)
        skipped.push(`skipped ${b.name} on ${r.state.branch}: it ${b.problem}`);
      // Older commits carry no signature: with signing on, none of the branch is vouched for.
      else
        files.push({
          name: b.name,
          tags: ['branch', ...(signing ? ['unsigned'] : [])],
          text: b.text,
        });
    }
  }
  return { files, skipped };
}

/** Each peer's events by actor (their own files only), for the clocks. */
function byActor(files: ReadonlyMap<string, OncallEvent[]>, me: string) {
  const peers = new Map<string, OncallEvent[]>();
  for (const events of files.values()) {
    for (const e of events) {
      if (e.actor === me) continue;
      const list = peers.get(e.actor) ?? [];
      list.push(e);
      peers.set(e.actor, list);
    }
  }
  return peers;
}

/**
 * One sync of the incident through `clone` (held under its lock by the
 * caller). `justFetched`: the caller has just fetched the incident (a join, a
 * share), and step 1 is not done twice.
 */
export async function syncIncident(
  clone: Clone,
  sharer: Sharer,
  ref: IncidentRef,
  state: ShareState,
  justFetched = false,
): Promise<SyncResult> {
  const deadline = Date.now() + PUSH_DEADLINE_MS;
  const r: Round = { clone, sharer, ref, state, name: responderName(sharer.actor), said: [] };
  if (!justFetched) await fetchIncident(clone, ref.id);
  const ownText = readOwnLog(ref.file);
  const ownEvents = parseLog(ref.file, ownText).events;
  const { sent, fetched } = await sendOwn(r, ownEvents.map(sharer.forSharing), deadline);
  const { files, skipped } = await pull(r, fetched, sharer.signing);
  const ownIds = new Set(ownEvents.map((e) => e.id));
  const copied = copyPeers(ref.dir, files, { name: r.name, ids: ownIds });
  await housekeep(clone);
  const peerFiles = [...copied.files.values()];
  const peers = byActor(copied.files, sharer.actor);
  const clocks = estimateClocks({
    own: ownEvents,
    peers,
    arrived: copied.received,
    arrivedAt: sharer.now(),
    before: state.clocks ?? {},
  });
  const peerHlc = highestClock(peerFiles);
  const next: ShareState = {
    ...r.state,
    file: `${r.name}.jsonl`,
    lastSyncedAt: sharer.now().toISOString(),
    sharedBytes: Buffer.byteLength(ownText),
    peerCounter: highestCounter(peerFiles),
    ...(peerHlc ? { peerHlc } : {}),
    clocks,
  };
  delete next.lastError;
  delete next.retry;
  const received = new Set(copied.received.map((e) => e.id)).size;
  const warnings = [...r.said, ...skipped, ...copied.skipped];
  return { sent, received, peers: [...peers.keys()], warnings, state: next };
}
