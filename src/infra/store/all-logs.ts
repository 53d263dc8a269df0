// An incident as every responder recorded it: this responder's own log plus
// the peers' logs as last fetched (peers/<name>.jsonl, written by sync), merged
// in causal order with each event once, an event from a file that is not its
// actor's marked unverified (incident/merge.ts). Read whole, or read on: after
// a first read, only what the own log gained since, as long as no peer's log
// changed. Each text of an event is cut for showing (incident/cut.ts) unless
// the reader wants the log whole (`--json`, export). Reading never changes a
// file; a damaged line anywhere is reported by file:line and skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cutEvents } from '../../domain/incident/cut.js';
import type { OncallEvent } from '../../domain/incident/events.js';
import { type LogSource, mergeLogs } from '../../domain/incident/merge.js';
import type { CheckedNotes } from './checked.js';
import { diskError, isErrno } from './disk-error.js';
import type { IncidentRef } from './incidents.js';
import { type Damage, findInTail, type LogResume, parseLog, readLogFrom } from './log.js';
import { peersDir } from './paths.js';

/** The peers' logs of a shared incident, as last fetched (none when it is not shared). */
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

/** When the incident was resolved, by the tails of the given logs (the own, the peers'); undefined while open. */
export function resolvedInTails(files: readonly string[]): string | undefined {
  const times = files.flatMap((file) => {
    const e = findInTail(file, /"incident\.resolved"/, (x) => x.type === 'incident.resolved');
    return e ? [e.ts] : [];
  });
  return times.sort()[0];
}

/** A peer's log: its events of this incident; a line of another incident counts as damaged. */
function readPeerLog(
  file: string,
  incident: string,
): { events: OncallEvent[]; damaged: Damage[]; long: number[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw diskError(file, error, { doing: 'read' });
  }
  return onlyOf(incident, file, parseLog(file, text), () => text);
}

/**
 * The events of `incident` in a log as read; each of another incident (a log
 * copied, or its folder renamed) counts as a damaged line, found in the
 * file's text (`textOf`, read only then). A log of this incident alone costs
 * one comparison per event.
 */
function onlyOf<R extends { events: OncallEvent[]; damaged: Damage[]; long: number[] }>(
  incident: string,
  file: string,
  read: R,
  textOf: () => string,
): R {
  if (read.events.every((e) => e.incident === incident)) return read;
  let text: string | undefined;
  const ours: OncallEvent[] = [];
  const oursLong: number[] = [];
  const damaged = [...read.damaged];
  let next = 0; // the next of `long`
  for (let i = 0; i < read.events.length; i++) {
    const e = read.events[i] as OncallEvent;
    const isLong = read.long[next] === i;
    if (isLong) next++;
    if (e.incident === incident) {
      if (isLong) oursLong.push(ours.length);
      ours.push(e);
      continue;
    }
    text ??= textOf();
    damaged.push({
      file,
      line: lineOf(text, e.id),
      reason: `an event of incident ${e.incident}, not ${incident}`,
      otherIncident: e.incident,
    });
  }
  damaged.sort((a, b) => a.line - b.line);
  return { ...read, events: ours, damaged, long: oursLong };
}

/** The own log's text, to find a line in (empty when it cannot be read now). */
function textOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The line of `text` that holds event `id` (0 when none does). */
function lineOf(text: string, id: string): number {
  const at = text.indexOf(`"${id}"`);
  if (at < 0) return 0;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Whose file a peer's log is, from its name (use-cases/share/peers.ts):
 * `<name, %XX-encoded>[~tag…].jsonl`; `unsigned` when signing is on and no allowed signer wrote it.
 */
function ownerOf(file: string): LogSource['owner'] {
  const [written = '', ...tags] = basename(file, '.jsonl').split('~');
  let name = written;
  try {
    name = decodeURIComponent(written);
  } catch {
    // Not made by a sync (a file put there by hand): its name as it is.
  }
  return { name, ...(tags.includes('unsigned') ? { unsigned: true } : {}) };
}

/** The peers' logs as last fetched, each its events of this incident. */
function readPeerLogs(ref: IncidentRef): (LogSource & { damaged: Damage[]; long: number[] })[] {
  return peerLogFiles(ref.dir).map((file) => {
    const { events, damaged, long } = readPeerLog(file, ref.id);
    return { file, events, owner: ownerOf(file), damaged, long };
  });
}

/** Copies left out because their id was reused, as damaged lines (each said once, with its file:line). */
function reusedAsDamage(reused: ReturnType<typeof mergeLogs>['reused']): Damage[] {
  return reused.map((r) => {
    let text = '';
    try {
      text = readFileSync(r.file, 'utf8');
    } catch {
      // Gone since: the line is unknown.
    }
    return { file: r.file, line: lineOf(text, r.id), reason: r.reason };
  });
}

/**
 * The peers' log files as they are now (name, size, change time, inode), as
 * one text: when it is the same as at the last read, no sync changed them.
 * Empty when the incident was never shared.
 */
function peerLogsStamp(incidentDir: string): string {
  return peerLogFiles(incidentDir).map(fileStamp).join('\n');
}

/** A file as it is now (name, size, change time, inode): the same text when nothing changed it. */
function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${file}:${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return `${file}:gone`;
  }
}

/** What one read of an incident's logs found. */
interface LogsRead {
  events: OncallEvent[];
  damaged: Damage[];
  /** Where the events with a long line are (log.ts), when `events` are one log's as read. */
  long?: number[];
  /**
   * True: `events` are what the own log gained since the last read, in its
   * order (they come after all the rest). False: every event, in causal order.
   */
  appended: boolean;
}

/**
 * An incident's logs, read again and again: the first read and any read after
 * a peer's log changed (a sync), or the own log was replaced, shrank or ended
 * mid-line, read everything; any other reads on from where the last one stopped.
 */
export class IncidentLogs {
  private resume: LogResume | undefined;
  /** The peers' logs as they were at the last read (names, sizes, times). */
  private peers: string | undefined;
  /** The own log as it was at the last read (size, time, inode). */
  private own: string | undefined;

  /**
   * `whole`: the events as the logs hold them, nothing cut (for `--json` and export).
   * `notes`: where reads note how far the own log's lines were found as oncall writes them.
   */
  constructor(
    readonly ref: IncidentRef,
    private readonly whole = false,
    private readonly notes?: CheckedNotes,
  ) {}

  read(): LogsRead {
    const peers = peerLogsStamp(this.ref.dir);
    const own = fileStamp(this.ref.file);
    // Nothing changed: not even opened (a log that ends mid-line would be read whole each time).
    if (this.peers === peers && this.own === own)
      return { events: [], damaged: [], appended: true };
    const read = this.readOwn(peers !== '', peers === this.peers ? this.resume : undefined);
    this.peers = peers;
    this.own = own;
    this.resume = read.resume;
    return this.withPeers(read, peers !== '');
  }

  /** Forgets where it stopped: the next read reads everything. */
  restart(): void {
    this.resume = undefined;
    this.peers = undefined;
    this.own = undefined;
  }

  private withPeers(own: LogsRead, shared: boolean): LogsRead {
    const cut = (events: readonly OncallEvent[], file: string, long?: readonly number[]) =>
      this.whole ? [...events] : cutEvents(events, file, long);
    if (own.appended) return { ...own, events: cut(own.events, this.ref.file, own.long) };
    const team = shared ? readPeerLogs(this.ref) : [];
    const merged = mergeLogs([
      { file: this.ref.file, events: cut(own.events, this.ref.file, own.long) },
      ...team.map(({ long, ...p }) => ({ ...p, events: cut(p.events, p.file, long) })),
    ]);
    return {
      events: merged.events,
      damaged: [
        ...own.damaged,
        ...team.flatMap((p) => p.damaged),
        ...reusedAsDamage(merged.reused),
      ],
      appended: false,
    };
  }

  private readOwn(shared: boolean, resume: LogResume | undefined) {
    // A joined incident's own log exists from the join on; before that, only peers'.
    if (shared && !existsSync(this.ref.file)) {
      return { events: [], damaged: [], appended: false, resume: undefined };
    }
    const file = this.ref.file;
    return onlyOf(this.ref.id, file, readLogFrom(file, resume, this.notes), () =>
      textOrEmpty(file),
    );
  }
}
