// Incidents on disk: one folder per incident (0700) holding its log (0600), and
// a small `active` file naming the incident that `oncall note` writes to.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { OncallEvent } from '../incident/events.js';
import { folderSlug } from '../text/slug.js';
import { appendEvents } from './log.js';
import { activeFile, incidentDir, incidentsDir, logFile } from './paths.js';

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

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Creates the incident's folder and log with its first events. The id gets a
 * numeric suffix if an incident with the same minute and title exists.
 */
export function createIncident(
  home: string,
  baseId: string,
  firstEvents: (id: string) => OncallEvent[],
): IncidentRef {
  ensureDir(incidentsDir(home));
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? baseId : `${baseId}-${n}`;
    const ref = refOf(home, id);
    try {
      mkdirSync(ref.dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    appendEvents(ref.file, firstEvents(id), { create: true });
    return ref;
  }
  throw new UsageError(`too many incidents named ${baseId}; pick another title`);
}

export function listIncidentIds(home: string): string[] {
  try {
    return readdirSync(incidentsDir(home), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

export function readActiveId(home: string): string | undefined {
  try {
    const id = readFileSync(activeFile(home), 'utf8').trim();
    return id || undefined;
  } catch {
    return undefined;
  }
}

/** Atomic: written beside, then renamed over, so a reader never sees half a name. */
export function setActiveId(home: string, id: string): void {
  ensureDir(home);
  const target = activeFile(home);
  const tmp = join(home, `.active.${process.pid}.tmp`);
  writeFileSync(tmp, `${id}\n`, { mode: 0o600 });
  renameSync(tmp, target);
}

/**
 * The incident a command works on: `--incident` (an id, or an unambiguous part
 * of one) or else the active one.
 */
export function resolveIncident(home: string, wanted?: string): IncidentRef {
  if (wanted) {
    const ids = listIncidentIds(home);
    if (ids.includes(wanted)) return refOf(home, wanted);
    const matches = ids.filter((id) => id.includes(wanted));
    if (matches.length === 1 && matches[0]) return refOf(home, matches[0]);
    if (matches.length > 1) {
      throw new UsageError(
        `--incident ${wanted} matches ${matches.length} incidents (${matches.slice(0, 3).join(', ')}…); give more of the id`,
      );
    }
    throw new UsageError(`--incident ${wanted}: no such incident. Run \`oncall list\` to see ids.`);
  }
  const active = readActiveId(home);
  if (!active) {
    throw new UsageError(
      'no active incident. Start one with `oncall start`, or pick one with `oncall use <id>`.',
    );
  }
  return refOf(home, active);
}
