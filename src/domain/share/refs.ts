// Where a shared incident lives on the remote: one ref per responder per
// incident, each an orphan history whose tree holds only that responder's
// file (incidents/<id>/events/<responder>.jsonl, the path shares always had,
// so `git log -p` of any ref reads as before). A sync fetches only the refs of
// the incidents joined, and pushes only its own ref: pushes of different
// responders never touch the same ref, so none is turned down because someone
// else pushed first. Refs live under refs/oncall/incidents/; on a host that
// refuses refs outside branches and tags, under refs/heads/oncall/ instead
// (both are always fetched). Pure.

/** Where this responder's refs go: refs/oncall/… or, where a host refuses those, refs/heads/oncall/…. */
export type RefRoot = 'oncall' | 'branches';

const ROOTS: Record<RefRoot, string> = {
  oncall: 'refs/oncall/incidents',
  branches: 'refs/heads/oncall',
};

/** Where the clone keeps what it fetched of each root. */
const TRACKING: Record<RefRoot, string> = {
  oncall: 'refs/remotes/origin/incidents',
  branches: 'refs/remotes/origin/branches',
};

const ROOT_LIST: readonly RefRoot[] = ['oncall', 'branches'];

/** A responder's ref of an incident on the remote. */
export function responderRef(root: RefRoot, id: string, name: string): string {
  return `${ROOTS[root]}/${id}/${name}`;
}

/** The refspecs that fetch every responder's ref of one incident (and forget those deleted). */
export function incidentRefspecs(id: string): string[] {
  return ROOT_LIST.map((root) => `+${ROOTS[root]}/${id}/*:${TRACKING[root]}/${id}/*`);
}

/** Where the clone keeps an incident's fetched refs. */
export function trackingPrefixes(id: string): string[] {
  return ROOT_LIST.map((root) => `${TRACKING[root]}/${id}/`);
}

/** Patterns that list every incident's refs on the remote (`git ls-remote`). */
export const REMOTE_PATTERNS = ROOT_LIST.map((root) => `${ROOTS[root]}/*`);

/** A ref (on the remote, or its tracking copy in the clone) read back: which root, incident and responder. */
export function parseRef(ref: string): { root: RefRoot; id: string; name: string } | undefined {
  for (const root of ROOT_LIST) {
    for (const prefix of [ROOTS[root], TRACKING[root]]) {
      if (!ref.startsWith(`${prefix}/`)) continue;
      const parts = ref.slice(prefix.length + 1).split('/');
      if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
      return { root, id: parts[0], name: parts[1] };
    }
  }
  return undefined;
}

/** The path of a responder's file inside their ref's tree. */
export function responderPath(id: string, name: string): string {
  return `incidents/${id}/events/${name}.jsonl`;
}

/**
 * An incident id as it may name a folder here and a ref component there:
 * letters, digits, `.`, `_`, `-`, starting with a letter or digit, no `..`,
 * not ending in `.lock`.
 */
export function isIncidentId(id: string): boolean {
  return /^[A-Za-z0-9][\w.-]*$/.test(id) && !id.includes('..') && !id.endsWith('.lock');
}
