// The log is sacred: append-only JSON Lines, one event per line, never rewritten.
//
// Appending opens the file with O_APPEND and writes each batch with a single
// write(2), so concurrent writers interleave whole lines; it never reads the
// log (only its last byte, to close a line torn by a killed writer).
// Reading never deletes anything: a damaged line is reported by file:line and skipped.
import {
  closeSync,
  constants,
  fdatasyncSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { OncallError } from '../errors.js';
import {
  type EventInput,
  type Issue,
  type OncallEvent,
  SCHEMA_VERSION,
  validateEvent,
} from '../incident/events.js';
import { uuidv7 } from './id.js';

export interface Damage {
  file: string;
  line: number;
  reason: string;
}

interface LogRead {
  events: OncallEvent[];
  damaged: Damage[];
}

interface EventMeta {
  incident: string;
  actor: string;
  now: Date;
  drill?: boolean;
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
    ...(meta.drill ? { drill: true } : {}),
    ...input,
  };
  candidate.ts = ts;
  const parsed = validateEvent(candidate);
  if (!parsed.success) {
    // Our own code built this event: a failure here is a bug, so it keeps its stack.
    throw new Error(`refusing to write an invalid event: ${describeIssue(parsed.issues)}`);
  }
  return parsed.data;
}

function diskError(file: string, error: NodeJS.ErrnoException): OncallError {
  const why =
    error.code === 'ENOSPC'
      ? 'the disk is full. Free some space and try again'
      : error.code === 'EACCES' || error.code === 'EPERM'
        ? 'permission denied. Check the owner and mode of the file'
        : error.code === 'EROFS'
          ? 'the file system is read-only'
          : (error.message ?? String(error));
  return new OncallError(`could not write ${file}: ${why}. Earlier events are untouched.`);
}

/**
 * Appends events to an existing log (or creates it when `create` is set, failing if it exists).
 * One write(2) for the whole batch; fdatasync so an acknowledged event survives a crash.
 */
export function appendEvents(
  file: string,
  events: readonly OncallEvent[],
  options: { create?: boolean } = {},
): void {
  let body = '';
  for (const event of events) body += `${JSON.stringify(event)}\n`;
  let fd: number;
  try {
    const flags = options.create
      ? constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL
      : constants.O_WRONLY | constants.O_APPEND;
    fd = openSync(file, flags, 0o600);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      throw new OncallError(`no incident log at ${file}. Run \`oncall list\` to see incidents.`);
    }
    throw diskError(file, err);
  }
  try {
    // A writer killed mid-line leaves no newline at the end: start on a fresh line
    // so our event is not glued to the torn one.
    const size = fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      const rfd = openSync(file, 'r');
      try {
        readSync(rfd, last, 0, 1, size - 1);
      } finally {
        closeSync(rfd);
      }
      if (last[0] !== 0x0a) body = `\n${body}`;
    }
    const buffer = Buffer.from(body, 'utf8');
    const written = writeSync(fd, buffer, 0, buffer.length);
    if (written !== buffer.length) {
      const err: NodeJS.ErrnoException = new Error('short write');
      err.code = 'ENOSPC';
      throw err;
    }
    fdatasyncSync(fd);
  } catch (error) {
    if (error instanceof OncallError) throw error;
    throw diskError(file, error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

function describeIssue(issues: Issue[]): string {
  const first = issues[0];
  if (!first) return 'does not match the event schema';
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : '';
  return `${where}${first.message}`;
}

/** Parses a whole log. Damaged lines are reported, never fatal, never removed. */
export function parseLog(file: string, text: string): LogRead {
  const events: OncallEvent[] = [];
  const damaged: Damage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      const torn = i === lines.length - 1;
      damaged.push({
        file,
        line: i + 1,
        reason: torn ? 'truncated line (a write was interrupted)' : 'not valid JSON',
      });
      continue;
    }
    const parsed = validateEvent(json);
    if (parsed.success) events.push(parsed.data);
    else damaged.push({ file, line: i + 1, reason: describeIssue(parsed.issues) });
  }
  return { events, damaged };
}

export function readLog(file: string): LogRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      throw new OncallError(`no incident log at ${file}. Run \`oncall list\` to see incidents.`);
    }
    throw new OncallError(`could not read ${file}: ${err.message}`);
  }
  return parseLog(file, text);
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
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length < size) lines.shift(); // the first line is probably cut
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] ?? '';
      if (!hint.test(line)) continue;
      try {
        const parsed = validateEvent(JSON.parse(line));
        if (parsed.success && wanted(parsed.data)) return parsed.data;
      } catch {
        // damaged: skipped
      }
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
