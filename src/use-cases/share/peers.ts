// The peers' files as the remote holds them, copied into the incident's
// peers/ folder, where every reading command finds them (infra/store/all-logs.ts).
// Each local name says whose file it is, for merge.ts's authorship rule:
// `<responder name>.jsonl` from a ref (refs/oncall/…), `<name>~branches.jsonl`
// from refs/heads/oncall/…, `<older file name>~branch.jsonl` from the older
// shares' branch, and `~unsigned` when signing is on and no allowed signer
// wrote it. A file whose name cannot be a local file name is skipped, for this
// incident only, and reported. Files the remote no longer holds are removed.
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import { writeFileAtomic } from '../../infra/store/atomic.js';
import { ensureDir } from '../../infra/store/incidents.js';
import { parseLog } from '../../infra/store/log.js';
import { peersDir } from '../../infra/store/paths.js';

/** A peer's file as fetched. */
export interface Pulled {
  /** Its name: a responder name (refs) or an older share's file name (branch). */
  name: string;
  /** `branches`, `branch`, `unsigned`: where it came from, and whether it is vouched for. */
  tags: readonly string[];
  text: string;
}

/** What a local file name may be made of: the names oncall gives, and older shares' (\w.@+-). */
const LOCAL_NAME = /^[\w@+-][\w.@+-]{0,119}$/;

function localName(p: Pulled): string | undefined {
  if (!LOCAL_NAME.test(p.name) || p.name.includes('~')) return undefined;
  return `${[p.name, ...p.tags].join('~')}.jsonl`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

interface PeersCopied {
  /** Peers' events that were not here before. */
  received: OncallEvent[];
  /** Each file's events, by its local name. */
  files: Map<string, OncallEvent[]>;
  /** Files skipped, in words (for a warning). */
  skipped: string[];
}

/**
 * Writes the pulled files into peers/ (skipping the own file when it only
 * repeats the own log), and removes the ones the remote no longer holds.
 */
export function copyPeers(
  incidentDir: string,
  pulled: readonly Pulled[],
  own: { name: string; ids: ReadonlySet<string> },
): PeersCopied {
  const to = peersDir(incidentDir);
  const copied: PeersCopied = { received: [], files: new Map(), skipped: [] };
  const kept = new Set<string>();
  for (const p of pulled) {
    const name = localName(p);
    if (!name) {
      copied.skipped.push(`${JSON.stringify(p.name)} is not a responder's file name`);
      continue;
    }
    const local = join(to, name);
    const events = parseLog(local, p.text).events;
    // The own file holds only what the own log has: nothing to show twice.
    if (p.name === own.name && events.every((e) => own.ids.has(e.id))) continue;
    kept.add(name);
    copied.files.set(name, events);
    const before = readText(local);
    if (before === p.text) continue;
    const known = new Set(parseLog(local, before).events.map((e) => e.id));
    copied.received.push(...events.filter((e) => !known.has(e.id) && !own.ids.has(e.id)));
    ensureDir(to);
    writeFileAtomic(local, p.text);
  }
  if (existsSync(to)) {
    for (const name of readdirSync(to)) {
      if (name.endsWith('.jsonl') && !kept.has(name)) unlinkSync(join(to, name));
    }
  }
  return copied;
}
