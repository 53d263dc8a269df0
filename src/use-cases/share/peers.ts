// The peers' files as the remote holds them, copied into the incident's
// peers/ folder, where every reading command finds them (infra/store/all-logs.ts).
// Each local name says whose file it is, for merge.ts's authorship rule:
// `<responder name>.jsonl` from a ref (refs/oncall/…), `<name>~branches.jsonl`
// from refs/heads/oncall/…, `<older file name>~branch.jsonl` from the older
// shares' branch (any byte outside [A-Za-z0-9_.@+-] written %XX, so
// `josé@laptop.jsonl` is read as it is, whatever a filesystem makes of
// names), and `~unsigned` when signing is on and no allowed signer wrote it.
// A name too long for a file is skipped, for this incident only, and
// reported. Files the remote no longer holds are removed.
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

/** A name as part of a local file name: ASCII letters, digits and _.@+- as they are, any other byte %XX. */
function encoded(name: string): string {
  const safe = [...Buffer.from(name, 'utf8')]
    .map((b) =>
      /[\w.@+-]/.test(String.fromCharCode(b)) && b < 0x80
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  // A leading dot would hide the file.
  return safe.startsWith('.') ? `%2E${safe.slice(1)}` : safe;
}

function localName(p: Pulled): string | undefined {
  const name = `${[encoded(p.name), ...p.tags].join('~')}.jsonl`;
  return name.length <= 200 ? name : undefined;
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
      copied.skipped.push(
        `skipped ${JSON.stringify(p.name.slice(0, 80))}: a name too long for a file`,
      );
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
    // One at a time, not spread into push: a peer's long night is more events than a call takes arguments.
    for (const e of events) if (!known.has(e.id) && !own.ids.has(e.id)) copied.received.push(e);
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
