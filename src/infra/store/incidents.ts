// Incidents on disk: one folder per incident (0700) holding its log (0600), and
// a small `active` file naming the incident that `oncall note` writes to.
// A disk that refuses (full, read-only, a file where a folder should be) gets one
// line naming the path and the fix; a start that fails half-way removes what it made.
import { mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OncallEvent } from '../../domain/incident/events.js';
import { isIncidentId } from '../../domain/share/refs.js';
import { folderSlug } from '../../domain/text/slug.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { UsageError } from '../../errors.js';
import { type AppendFs, appendEvents } from './append.js';
import { writeFileAtomic } from './atomic.js';
import { diskError, isErrno } from './disk-error.js';
import { withLock } from './lock.js';
import { activeFile, activeLockFile, incidentDir, incidentsDir, logFile } from './paths.js';

export interface IncidentRef {
  id: string;
  dir: string;
  file: string;
}

export function refOf(home: string, id: string): IncidentRef {
  return { id, dir: incidentDir(home, id), file: logFile(home, id) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A readable id: local date and time of opening, then a slug of the title. */
export function incidentIdFor(title: string, at: Date): string {
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `${date}-${time}-${folderSlug(title, { maxLength: 40, fallback: 'incident' })}`;
}

/** Creates `dir` and any missing parents; returns the first folder it created, if any. */
export function ensureDir(dir: string): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw diskError(dir, error, { doing: 'create' });
  }
}

/** Removes the empty folders `ensureDir` made, deepest first; stops at one that is in use. */
function removeMadeFolders(deepest: string, first: string): void {
  for (let dir = deepest; dir.startsWith(first); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty (another start got there), or gone: leave it
    }
    if (dir === first) return;
  }
}

/** A fresh folder for an incident: false if the id is taken. */
function claimFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
    return true;
  } catch (error) {
    if (!isErrno(error)) throw error;
    if (error.code === 'EEXIST') return false;
    throw diskError(dir, error, { doing: 'create' });
  }
}

/**
 * Takes back an incident whose start failed: its folder, and its log while that
 * holds no more than the opening line (an event someone else added, say with
 * `note --incident` in that instant, keeps the log and so the folder).
 */
function removeIncident(ref: IncidentRef): void {
  try {
    const lines = readFileSync(ref.file, 'utf8').split('\n').length - 1;
    if (lines <= 1) unlinkSync(ref.file);
  } catch {
    // No log was created.
  }
  try {
    rmdirSync(ref.dir);
  } catch {
    // Not empty: what is in it is not ours to remove.
  }
}

/**
 * Creates the incident's folder and log with its first events. The id gets a
 * numeric suffix if an incident with the same minute and title exists. If the
 * log cannot be written, the folders it made are removed.
 */
export function createIncident(
  home: string,
  baseId: string,
  firstEvents: (id: string) => OncallEvent[],
  options: { fs?: AppendFs } = {},
): IncidentRef {
  const madeFrom = ensureDir(incidentsDir(home));
  try {
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? baseId : `${baseId}-${n}`;
      const ref = refOf(home, id);
      if (!claimFolder(ref.dir)) continue;
      try {
        appendEvents(ref.file, firstEvents(id), { create: true, fs: options.fs });
      } catch (error) {
        removeIncident(ref);
        throw error;
      }
      return ref;
    }
    throw new UsageError(`too many incidents named ${baseId}; pick another title`);
  } catch (error) {
    if (madeFrom) removeMadeFolders(incidentsDir(home), madeFrom);
    throw error;
  }
}

/**
 * The folder and (empty) own log of an incident joined from a share: its
 * events so far are the peers', fetched beside it. The id is the share's, so
 * no suffix is added: an existing folder is returned as it is.
 */
export function claimJoinedIncident(home: string, id: string): IncidentRef {
  ensureDir(incidentsDir(home));
  const ref = refOf(home, id);
  if (claimFolder(ref.dir)) appendEvents(ref.file, [], { create: true });
  return ref;
}

/**
 * The incidents here: the folders named as oncall names them. Any other
 * folder (one made by hand, or named with a terminal's escape sequences) is
 * not one: its name would be a path or reach the terminal in every message.
 */
export function listIncidentIds(home: string): string[] {
  const dir = incidentsDir(home);
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && isIncidentId(d.name))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if (!isErrno(error)) throw error;
    if (error.code === 'ENOENT') return []; // nothing started yet
    throw diskError(dir, error, { doing: 'read' });
  }
}

/**
 * The active incident, if the pointer names one. A pointer edited or damaged
 * into something that is not an incident id (`../../elsewhere`, escape
 * sequences) names none: it must never become a path to write to.
 */
export function readActiveId(home: string): string | undefined {
  const id = readPointer(home);
  return id && isIncidentId(id) ? id : undefined;
}

function readPointer(home: string): string | undefined {
  const file = activeFile(home);
  try {
    const id = readFileSync(file, 'utf8').trim();
    return id || undefined;
  } catch (error) {
    if (!isErrno(error)) throw error;
    if (error.code === 'ENOENT') return undefined; // no incident made active yet
    throw diskError(file, error, { doing: 'read' });
  }
}

/** What making an incident active changed: the incident it replaced, and the one named after. */
export interface Activation {
  /** The active incident before, if another one. */
  replaced?: string;
  /** The pointer read back after writing it: another start may have written since. */
  active?: string;
}

/**
 * Makes a just-created incident the active one; if that fails, the incident is
 * removed again, so a start that reports an error leaves nothing behind.
 * Reading the old pointer and writing the new one happen under a lock, so of
 * two starts in the same instant the second learns the first one's id.
 */
export function activateNewIncident(home: string, ref: IncidentRef): Activation {
  let before: string | undefined;
  try {
    ensureDir(home);
    before = withLock(activeLockFile(home), () => {
      let was: string | undefined;
      try {
        was = readActiveId(home);
      } catch {
        // Unreadable: the write below says why, in the words of a write.
      }
      setActiveId(home, ref.id);
      return was;
    });
  } catch (error) {
    removeIncident(ref);
    throw error;
  }
  let active: string | undefined;
  try {
    active = readActiveId(home);
  } catch {
    active = ref.id; // written a moment ago; a read that fails now says nothing new
  }
  return {
    ...(before && before !== ref.id ? { replaced: before } : {}),
    ...(active ? { active } : {}),
  };
}

/** Atomic: written beside, then renamed over, so a reader never sees half a name. */
export function setActiveId(home: string, id: string): void {
  ensureDir(home);
  const file = activeFile(home);
  try {
    writeFileAtomic(file, `${id}\n`);
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw diskError(file, error);
  }
}

/** How the incident was named: `--incident <id>` on any command, or `oncall use <id>`. */
type NamedBy = '--incident' | 'use';

/**
 * The incident a command works on: `--incident` (an id, or an unambiguous part
 * of one) or else the active one. An id that names none is refused in the
 * words it was given in (`oncall use <id>` or `--incident <id>`), with the fix.
 */
export function resolveIncident(
  home: string,
  wanted?: string,
  namedBy: NamedBy = '--incident',
): IncidentRef {
  if (wanted) {
    const ids = listIncidentIds(home);
    if (ids.includes(wanted)) return refOf(home, wanted);
    const matches = ids.filter((id) => id.includes(wanted));
    if (matches.length === 1 && matches[0]) return refOf(home, matches[0]);
    const typed = namedBy === 'use' ? `\`oncall use ${wanted}\`` : `--incident ${wanted}`;
    if (matches.length > 1) {
      throw new UsageError(
        `${typed}: matches ${matches.length} incidents (${matches.slice(0, 3).join(', ')}${matches.length > 3 ? '…' : ''}); give more of the id (\`oncall list\` shows them).`,
      );
    }
    throw new UsageError(
      `${typed}: no incident has that id${ids.length ? '' : ' (there are none here yet)'}. Run \`oncall list\` to see ids${namedBy === 'use' ? '' : ', or leave --incident out for the active one'}.`,
    );
  }
  const active = readActiveId(home);
  if (active) return refOf(home, active);
  const named = readPointer(home);
  if (named) {
    throw new UsageError(
      `${activeFile(home)} names "${safeLine(named)}", which is not an incident id (the file was edited or damaged). Pick one with \`oncall use <id>\` (\`oncall list\` shows them), or start one with \`oncall start\`.`,
    );
  }
  throw new UsageError(
    'no active incident. Start one with `oncall start`, or pick one with `oncall use <id>`.',
  );
}
