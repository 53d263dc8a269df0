// The log is sacred: append-only JSON Lines, one event per line, never rewritten.
//
// Appending (and taking back an append the disk refused) lives in append.ts.
// Reading never deletes anything: a damaged line is reported by file:line and skipped.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { OncallError } from '../errors.js';
import {
  type EventInput,
  type Issue,
  type OncallEvent,
  SCHEMA_VERSION,
  validateEvent,
} from '../incident/events.js';
import { diskError, isErrno } from './disk-error.js';
import { uuidv7 } from './id.js';

export { appendEvents } from './append.js';

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
  /** The event's Lamport counter (incident/order.ts); left out by callers that have none. */
  lamport?: number;
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
    if (!isErrno(error)) throw error;
    if (error.code === 'ENOENT') {
      throw new OncallError(`no incident log at ${file}. Run \`oncall list\` to see incidents.`);
    }
    throw diskError(file, error, { doing: 'read' });
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
