// The incidents a share holds: what `oncall join` offers (listed without
// fetching any of them), and what one of them holds once fetched (its opening
// event, which `oncall share` and `join` check before mixing two incidents
// that happen to share an id, and the counters a joiner starts from).
import type { EventOf, OncallEvent } from '../../domain/incident/events.js';
import { highestClock, highestCounter } from '../../domain/incident/order.js';
import { branchIncidentIds, fetchBranch, readBranchFiles } from '../../infra/share/branch.js';
import { type Clone, fetchedRefs, readRefFiles } from '../../infra/share/clone.js';
import { listRemote } from '../../infra/share/listing.js';
import { parseLog } from '../../infra/store/log.js';

export interface RemoteIncident {
  id: string;
  /** The responders' names on the remote. */
  responders: string[];
  /** Shared by an older oncall, on the branch. */
  onBranch: boolean;
}

/** Every incident of the share, newest id first (ids start with the date and time). */
export async function remoteIncidents(clone: Clone, branch: string): Promise<RemoteIncident[]> {
  const listing = await listRemote(clone, branch);
  const found = new Map<string, RemoteIncident>();
  for (const [id, responders] of listing.incidents) {
    found.set(id, { id, responders: responders.sort(), onBranch: false });
  }
  if (listing.branchTip && (await fetchBranch(clone, branch))) {
    for (const id of await branchIncidentIds(clone, branch)) {
      if (!found.has(id)) found.set(id, { id, responders: [], onBranch: true });
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** What a fetched incident holds: its opening event, and the highest counter and clock in it. */
export interface Fetched {
  opened?: EventOf<'incident.opened'>;
  counter: number;
  hlc?: string;
  /** Nothing of it on refs or on the branch. */
  empty: boolean;
}

/** Incident `id` as fetched into the clone (its refs; the branch too when `branch` is given). */
export async function fetchedIncident(clone: Clone, id: string, branch?: string): Promise<Fetched> {
  const refs = await fetchedRefs(clone, id);
  const texts = (await readRefFiles(clone, id, refs)).flatMap((f) => f.text ?? []);
  if (branch) {
    for (const f of await readBranchFiles(clone, branch, id)) if (f.text) texts.push(f.text);
  }
  const files: OncallEvent[][] = texts.map((t) => parseLog('remote', t).events);
  const opened = files
    .flat()
    .find((e): e is EventOf<'incident.opened'> => e.type === 'incident.opened');
  const hlc = highestClock(files);
  return {
    ...(opened ? { opened } : {}),
    counter: highestCounter(files),
    ...(hlc ? { hlc } : {}),
    empty: texts.length === 0,
  };
}
