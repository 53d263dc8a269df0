// The log is sacred: append-only JSON Lines, one event per line, never rewritten.
//
// Appending (and taking back an append the disk refused) lives in append.ts.
// Reading never deletes anything: a damaged line is reported by file:line and skipped.
// Reading goes a chunk at a time (lines.ts) and validates each line as zod
// would, the fast way when the line is as oncall wrote it (incident/exact.ts).
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { NOTHING_TO_CUT_UP_TO } from '../../domain/incident/cut.js';
import {
  type EventInput,
  type Issue,
  type OncallEvent,
  SCHEMA_VERSION,
  validateLoggedEvent,
  validateNewEvent,
} from '../../domain/incident/events.js';
import { uuidv7 } from '../../domain/incident/id.js';
import { type CheckedNotes, checkedUpTo, noteChecked } from './checked.js';
import { diskError, isErrno } from './disk-error.js';
import { eachLine, type LogPosition } from './lines.js';
import { missingLog } from './missing-log.js';
import { readTail } from './tail.js';

export { appendEvents } from './append.js';

export interface Damage {
  file: string;
  line: number;
  reason: string;
  /** The line is an event of this other incident (a log copied, or its folder renamed). */
  otherIncident?: string;
}

interface LogRead {
  events: OncallEvent[];
  damaged: Damage[];
  /** Where in `events` those are whose line was long enough to hold something to cut (incident/cut.ts). */
  long: number[];
}

/** A read under way: and whether every line so far was exactly as oncall writes it. */
interface Reading extends LogRead {
  exact: boolean;
}

interface EventMeta {
  incident: string;
  actor: string;
  now: Date;
  drill?: boolean;
  /** The event's Lamport counter (incident/order.ts); left out by callers that have none. */
  lamport?: number;
  /** The event's hybrid logical clock (incident/order.ts). */
  hlc?: string;
}

/** Fills in the envelope and validates: nothing malformed is ever written. */
export function makeEvent(input: EventInput, meta: EventMeta): OncallEvent {
  const recordedAt = meta.now.toISOString();
  const ts = input.ts ?? recordedAt;
  const candidate = {
    v: SCHEMA_VERSION,
    id: uuidv7(meta.now.getTime()),
    incident: meta.incident,
    ts,
    ...(ts !== recordedAt ? { recordedAt } : {}),
    actor: meta.actor,
    ...(meta.lamport ? { lamport: meta.lamport } : {}),
    ...(meta.hlc ? { hlc: meta.hlc } : {}),
    ...(meta.drill ? { drill: true } : {}),
    ...input,
  };
  candidate.ts = ts;
  const parsed = validateNewEvent(candidate);
  if (!parsed.success) {
    // Our own code built this event: a failure here is a bug, so it keeps its stack.
    throw new Error(`refusing to write an invalid event: ${describeIssue(parsed.issues)}`);
  }
  return parsed.data;
}

function describeIssue(issues: Issue[]): string {
  const first = issues[0];
  if (!first) return 'does not match the event schema';
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : '';
  return `${where}${first.message}`;
}

/**
 * A byte-order mark: an editor that saved the log (Windows' Notepad, say) may
 * put one before its first line, and `cat` of such files before any line.
 * JSON.parse refuses it, so the line, and with line 1 the whole incident,
 * would be unreadable; it is passed over, as JSON readers may (RFC 8259 §8.1).
 */
const BOM = 0xfeff;

/**
 * Reads one line of a log into `into`. A last line that is not JSON was cut
 * short; when `waitForTail` (the log may still be growing) it is not read, and
 * false says so: it may be whole on the next read. A `checked` line was found
 * exactly as oncall writes it before (checked.ts): it is kept as parsed.
 */
function readLine(
  into: Reading,
  file: string,
  text: string,
  line: number,
  last: boolean,
  waitForTail = false,
  checked = false,
): boolean {
  if (text.charCodeAt(0) !== 0x7b && text.trim() === '') return true;
  const bom = text.charCodeAt(0) === BOM;
  // Not as oncall writes it: never noted as checked (checked.ts).
  if (bom) into.exact = false;
  let json: unknown;
  try {
    json = JSON.parse(bom ? text.slice(1) : text);
  } catch {
    if (last && waitForTail) return false;
    const reason = last ? 'truncated line (a write was interrupted)' : 'not valid JSON';
    into.damaged.push({ file, line, reason });
    into.exact = false;
    return true;
  }
  if (checked) {
    keep(into, json as OncallEvent, text);
    return true;
  }
  const parsed = validateLoggedEvent(json);
  if (parsed.success) keep(into, parsed.data, text);
  else into.damaged.push({ file, line, reason: describeIssue(parsed.issues) });
  // Kept as parsed only when exactly as oncall writes it (zod gives a copy otherwise).
  if (!parsed.success || parsed.data !== json) into.exact = false;
  return true;
}

/** Keeps an event read from `line`, noting where it is when its line is long enough to hold something to cut. */
function keep(into: Reading, event: OncallEvent, line: string): void {
  if (line.length > NOTHING_TO_CUT_UP_TO) into.long.push(into.events.length);
  into.events.push(event);
}

/** Parses a whole log. Damaged lines are reported, never fatal, never removed. */
export function parseLog(file: string, text: string): LogRead {
  const read: Reading = { events: [], damaged: [], long: [], exact: true };
  // One native split, as lines.ts cuts a chunk; the last piece is the line after the last newline.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++)
    readLine(read, file, lines[i] as string, i + 1, i === lines.length - 1);
  return { events: read.events, damaged: read.damaged, long: read.long };
}

/** Which file a log is: to tell when it was replaced rather than appended to. */
interface FileIdentity {
  dev: number;
  ino: number;
}

/** Where a read of a log stopped, to read only what is appended after it. */
export interface LogResume {
  position: LogPosition;
  file: FileIdentity;
}

interface LogTail extends LogRead {
  /** True when read on from `resume`; false when read from the start. */
  appended: boolean;
  /** Where to read on next time; undefined when the log ended mid-line (read it whole then). */
  resume?: LogResume;
}

/**
 * Reads the log a chunk at a time: from the start, or with `resume` only what
 * was appended since, when the file is still the same one and did not shrink.
 * Reading on, a last line that does not parse is left for the next read: it
 * may be a write still in progress. With `notes`, a read from the start skips
 * checking the lines a read before found as oncall writes them (checked.ts).
 */
export function readLogFrom(file: string, resume?: LogResume, notes?: CheckedNotes): LogTail {
  const read: Reading = { events: [], damaged: [], long: [], exact: true };
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const { dev, ino, size } = fstatSync(fd);
    const appended =
      resume !== undefined &&
      resume.file.dev === dev &&
      resume.file.ino === ino &&
      size >= resume.position.offset;
    const from = appended ? resume.position : { offset: 0, line: 0 };
    const noting = notes !== undefined && !appended;
    const checked = noting ? checkedUpTo(file, fd, size, notes).line : 0;
    const { position, midLine } = eachLine(fd, from, (text, line, last) =>
      readLine(read, file, text, line, last, appended, line <= checked),
    );
    if (noting && read.exact && !midLine && position.line > checked)
      noteChecked(file, fd, position, notes);
    const next = midLine ? undefined : { position, file: { dev, ino } };
    return { events: read.events, damaged: read.damaged, long: read.long, appended, resume: next };
  } catch (error) {
    if (!isErrno(error)) throw error;
    if (error.code === 'ENOENT') {
      throw missingLog(file);
    }
    throw diskError(file, error, { doing: 'read' });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function readLog(file: string): LogRead {
  const { events, damaged, long } = readLogFrom(file);
  return { events, damaged, long };
}

/**
 * The newest event matching `wanted`, reading at most `maxBytes` from the end
 * of the log: for the hot path, which must cost the same on a long log as on a
 * short one. `hint` is a substring every matching line contains, so only
 * candidate lines are parsed. Unreadable lines are skipped here; the reading
 * commands report them.
 */
export function findInTail(
  file: string,
  hint: RegExp,
  wanted: (event: OncallEvent) => boolean,
  maxBytes = 64 * 1024,
): OncallEvent | undefined {
  const lines = readTail(file, maxBytes)?.lines ?? [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!hint.test(line)) continue;
    try {
      const parsed = validateLoggedEvent(
        JSON.parse(line.charCodeAt(0) === BOM ? line.slice(1) : line),
      );
      if (parsed.success && wanted(parsed.data)) return parsed.data;
    } catch {
      // damaged: skipped
    }
  }
  return undefined;
}

/**
 * The highest Lamport counter in the log, read from the text (no event parsed
 * or validated: this is `oncall note`'s path). The last lines hold it: each
 * event's counter is above those before it. A log written before counters
 * existed has none there: its lines count one each (incident/order.ts), so the
 * whole log is counted, once, and the next event's counter comes after them.
 * A line cut short or hand-edited can only raise it, and a Lamport counter may be raised.
 */
export function highestCounterIn(file: string, maxBytes = 64 * 1024): number {
  return seenIn(file, maxBytes).counter;
}

/**
 * What the own log has seen, from its tail: the highest Lamport counter (as
 * highestCounterIn) and the highest hybrid clock (`hlc`), which never goes
 * back within a log, so the tail holds it; undefined in a log written before it.
 */
function seenIn(file: string, maxBytes = 64 * 1024): { counter: number; hlc?: string } {
  return seenInTail(file, readTail(file, maxBytes)?.lines ?? []);
}

/** What `seenIn` says, from the tail's lines already read. */
export function seenInTail(
  file: string,
  tail: readonly string[],
): { counter: number; hlc?: string } {
  const counter = highestCounter(tail, true);
  const hlc = highestHlc(tail);
  return {
    counter: counter > 0 ? counter : highestCounter(readLines(file), false),
    ...(hlc ? { hlc } : {}),
  };
}

const COUNTER = /"lamport":(\d{1,15})[,}]/;
const HLC = /"hlc":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"/;

function highestHlc(lines: readonly string[]): string | undefined {
  let highest: string | undefined;
  for (const line of lines) {
    const found = HLC.exec(line)?.[1];
    if (found && (highest === undefined || found > highest)) highest = found;
  }
  return highest;
}

/** The highest counter of these lines: their own, or (with none) one more than the line before's. */
function highestCounter(lines: readonly string[], ownOnly: boolean): number {
  let highest = 0;
  let previous = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    const found = COUNTER.exec(line);
    if (found) previous = Number(found[1]);
    else if (ownOnly) continue;
    else previous += 1;
    highest = Math.max(highest, previous);
  }
  return highest;
}

/** The lines of a regular file (a device in the log's place, say /dev/full, reads forever: none). */
function readLines(file: string): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return fstatSync(fd).isFile() ? readFileSync(fd, 'utf8').split('\n') : [];
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
