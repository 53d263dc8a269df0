// An incident as every responder recorded it: this responder's own log plus
// the peers' logs as last fetched (peers/<file>.jsonl, written by sync), merged
// in causal order with each event once (incident/order.ts). Reading never
// changes a file; a damaged line anywhere is reported by file:line and skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import { causalOrder } from '../../domain/incident/order.js';
import { diskError, isErrno } from './disk-error.js';
import type { IncidentRef } from './incidents.js';
import { type Damage, parseLog, readLog } from './log.js';
import { peersDir } from './paths.js';

/** The peers' log files of an incident (none when it was never shared). */
export function peerLogFiles(incidentDir: string): string[] {
  const dir = peersDir(incidentDir);
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => join(dir, name));
  } catch (error) {
    if (isErrno(error) && error.code === 'ENOENT') return [];
    throw isErrno(error) ? diskError(dir, error, { doing: 'read' }) : error;
  }
}

/** A peer's log: its events of this incident; a line of another incident counts as damaged. */
function readPeerLog(file: string, incident: string): { events: OncallEvent[]; damaged: Damage[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw diskError(file, error, { doing: 'read' });
  }
  const { events, damaged } = parseLog(file, text);
  const lines = text.split('\n');
  const ours: OncallEvent[] = [];
  for (const e of events) {
    if (e.incident === incident) ours.push(e);
    else {
      const line = lines.findIndex((l) => l.includes(e.id)) + 1;
      damaged.push({ file, line, reason: `an event of incident ${e.incident}, not ${incident}` });
    }
  }
  return { events: ours, damaged };
}

/** The peers' logs as last fetched, each its events of this incident. */
export function readPeerLogs(ref: IncidentRef): { events: OncallEvent[]; damaged: Damage[] }[] {
  return peerLogFiles(ref.dir).map((file) => readPeerLog(file, ref.id));
}

/**
 * The peers' log files as they are now (name, size, change time, inode), as
 * one text: when it is the same as at the last read, no sync changed them.
 * Empty when the incident was never shared.
 */
export function peerLogsStamp(incidentDir: string): string {
  return peerLogFiles(incidentDir)
    .map((file) => {
      try {
        const s = statSync(file);
        return `${file}:${s.size}:${s.mtimeMs}:${s.ino}`;
      } catch {
        return `${file}:gone`;
      }
    })
    .join('\n');
}

/** Every responder's events of the incident, in causal order, each once. */
export function readIncidentEvents(ref: IncidentRef): {
  events: OncallEvent[];
  damaged: Damage[];
} {
  const peers = readPeerLogs(ref);
  // A joined incident's own log exists from the join on; before that, only peers'.
  const own =
    peers.length > 0 && !existsSync(ref.file) ? { events: [], damaged: [] } : readLog(ref.file);
  return {
    events: causalOrder([own.events, ...peers.map((p) => p.events)]),
    damaged: [...own.damaged, ...peers.flatMap((p) => p.damaged)],
  };
}
