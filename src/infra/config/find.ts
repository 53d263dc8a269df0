// Where the config files are, found before any of them is read: the trust
// check (trust.ts) must come before cosmiconfig loads, and for a JavaScript
// config that means before it runs. The project file is searched the way
// cosmiconfig searches (its search places, from the working directory up to the
// root, the first one wins); the user's file sits in the config home.
// A folder named like a config is a mistake worth saying (a bind mount of a
// missing file makes one), not something to skip silently.
import { readFileSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

interface FoundFiles {
  /** Most specific first: the project file, then the user file. */
  files: string[];
  problems: string[];
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // unreadable (EACCES, ENOTDIR): not ours to judge, as cosmiconfig skips it
  }
}

const folderProblem = (file: string) =>
  `${file}: is a folder, not a config file. Fix: remove or rename the folder`;

/** package.json counts only when it has an `oncall` field; an empty file not at all. */
function holdsConfig(file: string, stats: Stats): boolean {
  if (stats.size === 0) return false;
  if (basename(file) !== 'package.json') return true;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    return json !== null && typeof json === 'object' && json.oncall !== undefined;
  } catch {
    return false;
  }
}

/** The first config file from `cwd` upward, in cosmiconfig's order of search places. */
function projectFile(cwd: string, places: readonly string[], found: FoundFiles): void {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of places) {
      const file = join(dir, place);
      const stats = statOf(file);
      if (!stats) continue;
      if (stats.isDirectory()) {
        found.problems.push(folderProblem(file));
        return;
      }
      if (holdsConfig(file, stats)) {
        found.files.push(file);
        return;
      }
    }
    if (dirname(dir) === dir) return;
  }
}

/** The user's config: the first of `names` in `dir`. */
function userFile(dir: string, names: readonly string[], found: FoundFiles): void {
  for (const name of names) {
    const file = join(dir, name);
    const stats = statOf(file);
    if (!stats) continue;
    if (stats.isDirectory()) found.problems.push(folderProblem(file));
    else if (!found.files.includes(file)) found.files.push(file);
    return;
  }
}

export function findConfigFiles(
  cwd: string,
  places: readonly string[],
  userDir: string,
  userNames: readonly string[],
): FoundFiles {
  const found: FoundFiles = { files: [], problems: [] };
  projectFile(cwd, places, found);
  userFile(userDir, userNames, found);
  return found;
}
