// One sync of one shared incident: send this responder's new events, fetch
// everyone else's. The remote holds incidents/<id>/events/<responder>.jsonl;
// each responder only ever appends to their own file, so two responders never
// touch the same file. A sync:
//   1. makes the clone the remote's branch (fetch + reset: clone.ts),
//   2. appends to the responder's file the events of the local log it lacks
//      (by id; redacted for sharing; lines already there are kept as they are),
//   3. commits and pushes; a push turned down because someone pushed first
//      goes back to 1 (the commit is made again on top of theirs),
//   4. copies the peers' files into the incident's peers/ folder.
// This is `commit, pull --rebase, push` without a rebase: the commit is
// rebuilt from the local log on top of the remote each time, so there is
// never a conflict to resolve. The local log is only read, never written.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import { highestCounter } from '../../domain/incident/order.js';
import { OncallError } from '../../errors.js';
import {
  type Clone,
  commitFiles,
  fetchRemote,
  openClone,
  pushBranch,
} from '../../infra/share/clone.js';
import { type ShareState, writeShareState } from '../../infra/share/share-state.js';
import { writeFileAtomic } from '../../infra/store/atomic.js';
import { ensureDir } from '../../infra/store/incidents.js';
import { parseLog } from '../../infra/store/log.js';
import { peersDir } from '../../infra/store/paths.js';

/** Pushes turned down (someone else pushed in between) before giving up for this sync. */
const ATTEMPTS = 6;

interface SyncRequest {
  home: string;
  incidentId: string;
  incidentDir: string;
  /** The responder's own log. */
  ownLog: string;
  state: ShareState;
  /** Who commits: the responder. */
  actor: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** An event as it may leave the laptop (redact-event.ts). */
  forSharing: (event: OncallEvent) => OncallEvent;
}

export interface SyncResult {
  /** Events of this responder added to the remote by this sync. */
  sent: number;
  /** Peers' events that were not here before. */
  received: number;
  /** Who else has written to the incident (their file names, without .jsonl). */
  peers: string[];
  state: ShareState;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const idsIn = (file: string, text: string) => new Set(parseLog(file, text).events.map((e) => e.id));

/** The remote file's text with the events it lacks appended, and how many those are. */
function appendMissing(
  file: string,
  existing: string,
  own: readonly OncallEvent[],
): { text: string; added: number } {
  const there = idsIn(file, existing);
  const missing = own.filter((e) => !there.has(e.id));
  if (missing.length === 0) return { text: existing, added: 0 };
  const start = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return {
    text: start + missing.map((e) => `${JSON.stringify(e)}\n`).join(''),
    added: missing.length,
  };
}

/** Steps 1 to 3: the remote holds every event of `own` once this returns. */
async function sendOwn(clone: Clone, request: SyncRequest, own: OncallEvent[]): Promise<number> {
  const path = `incidents/${request.incidentId}/events/${request.state.file}`;
  const file = join(clone.dir, path);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    await fetchRemote(clone);
    const { text, added } = appendMissing(file, readText(file), own);
    if (added === 0) return 0;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, text, { mode: 0o600 });
    const message = `${request.incidentId}: ${added} event${added === 1 ? '' : 's'} from ${request.actor}`;
    await commitFiles(clone, [path], request.actor, message);
    if ((await pushBranch(clone)) === 'pushed') return added;
  }
  throw new OncallError(
    `${clone.remote} kept moving: ${ATTEMPTS} pushes in a row were turned down because others pushed first. Run \`oncall sync\` again.`,
  );
}

/**
 * Step 4: the peers' files as the remote has them, copied into peers/. The
 * responder's own file is copied too when it holds events this laptop lacks
 * (the same responder on a second laptop); otherwise it would only repeat the own log.
 */
function copyPeers(clone: Clone, request: SyncRequest, ownIds: Set<string>) {
  const from = join(clone.dir, 'incidents', request.incidentId, 'events');
  const to = peersDir(request.incidentDir);
  const names = existsSync(from) ? readdirSync(from).filter((n) => n.endsWith('.jsonl')) : [];
  const files: OncallEvent[][] = [];
  let received = 0;
  const peers: string[] = [];
  for (const name of names.sort()) {
    const text = readText(join(from, name));
    const events = parseLog(join(from, name), text).events;
    const local = join(to, name);
    if (name === request.state.file && events.every((e) => ownIds.has(e.id))) {
      if (existsSync(local)) unlinkSync(local);
      continue;
    }
    if (name !== request.state.file) peers.push(name.replace(/\.jsonl$/, ''));
    files.push(events);
    const before = readText(local);
    if (before === text) continue;
    const known = idsIn(local, before);
    received += events.filter((e) => !known.has(e.id) && !ownIds.has(e.id)).length;
    ensureDir(to);
    writeFileAtomic(local, text);
  }
  return { received, peers, peerCounter: highestCounter(files) };
}

export async function syncIncident(request: SyncRequest): Promise<SyncResult> {
  const { state } = request;
  const clone = await openClone(request.home, state.clone, state.remote, state.branch, request.env);
  const ownText = readText(request.ownLog);
  const ownEvents = parseLog(request.ownLog, ownText).events;
  const sent = await sendOwn(clone, request, ownEvents.map(request.forSharing));
  const { received, peers, peerCounter } = copyPeers(
    clone,
    request,
    new Set(ownEvents.map((e) => e.id)),
  );
  const next: ShareState = {
    ...state,
    lastSyncedAt: request.now().toISOString(),
    sharedBytes: Buffer.byteLength(ownText),
    peerCounter,
  };
  delete next.lastError;
  writeShareState(request.incidentDir, next);
  return { sent, received, peers, state: next };
}
