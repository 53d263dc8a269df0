// Where runbooks come from: the folders named in config (`runbooks:`), then the
// examples bundled with oncall, so a newcomer with zero config can try it at once.
// A team runbook with the same id as a bundled one shadows it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { parseRunbook } from '../../domain/runbook/parse.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { editDistance } from '../../domain/text/edit-distance.js';
import { UsageError } from '../../errors.js';
import { loadRunbook } from './load.js';

interface RunbookEntry {
  id: string;
  title: string;
  /** Absolute path of the file. */
  file: string;
  services: string[];
  alerts: string[];
  source: 'config' | 'bundled';
  /** Lint errors: a runbook with errors is listed but refused when loaded. */
  errors: number;
}

/**
 * The bundled examples folder. Walks up from this module to the package root
 * (the folder with package.json): from dist/*.js when built and bundled, and
 * from src/runbook/ when tests run the sources directly.
 */
export function bundledRunbookDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'examples', 'runbooks');
    const up = dirname(dir);
    if (up === dir) return fileURLToPath(new URL('../examples/runbooks/', import.meta.url));
    dir = up;
  }
}

/** Markdown files of a folder, sorted; a README is documentation, not a runbook. */
export function runbookFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // a configured folder that does not exist yet: `oncall doctor` reports it
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.md') && n.toLowerCase() !== 'readme.md')
    .sort()
    .map((n) => join(dir, n))
    .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile() ?? false);
}

function entryOf(file: string, source: RunbookEntry['source']): RunbookEntry {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Listed anyway, by file name; loading it later reports why it cannot be read.
  }
  const { runbook, problems } = parseRunbook(text, file);
  const { id, title, services, alerts } = runbook;
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { id, title, file, services, alerts, source, errors };
}

interface Discovery {
  entries: RunbookEntry[];
  /** Runbooks hidden by an earlier one with the same id (a team file hiding an example is on purpose). */
  shadowed: { entry: RunbookEntry; by: RunbookEntry }[];
}

/** Config folders first, then the bundled examples; the first runbook with an id wins. */
export function discoverRunbooks(config: ResolvedConfig): Discovery {
  const entries: RunbookEntry[] = [];
  const shadowed: Discovery['shadowed'] = [];
  const byId = new Map<string, RunbookEntry>();
  const folders: [string, RunbookEntry['source']][] = [
    ...config.runbookDirs.map((d): [string, RunbookEntry['source']] => [d, 'config']),
    [bundledRunbookDir(), 'bundled'],
  ];
  for (const [dir, source] of folders) {
    for (const file of runbookFilesIn(dir)) {
      const entry = entryOf(file, source);
      const first = byId.get(entry.id.toLowerCase());
      if (first) {
        shadowed.push({ entry, by: first });
        continue;
      }
      byId.set(entry.id.toLowerCase(), entry);
      entries.push(entry);
    }
  }
  return { entries, shadowed };
}

export function listRunbooks(config: ResolvedConfig): RunbookEntry[] {
  return discoverRunbooks(config).entries;
}

function fileStem(file: string): string {
  return basename(file, extname(file));
}

/** Letters and digits only, lower case: "HighErrorRate" and "high-error-rate" are the same name. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A runbook by id, by file name (without .md), or by path (relative to `cwd`).
 * Throws UsageError naming the closest id and the known ones when nothing matches,
 * or the first `file:line: reason` when the runbook has errors.
 */
export function findRunbook(
  config: ResolvedConfig,
  nameOrFile: string,
  cwd = process.cwd(),
): Runbook {
  const path = resolve(cwd, nameOrFile);
  const looksLikePath = /[/\\]/.test(nameOrFile) || nameOrFile.toLowerCase().endsWith('.md');
  if (looksLikePath && existsSync(path)) return loadRunbook(path);

  const entries = listRunbooks(config);
  const wanted = nameOrFile.toLowerCase().replace(/\.md$/, '');
  const found =
    entries.find((e) => e.id.toLowerCase() === wanted) ??
    entries.find((e) => fileStem(e.file).toLowerCase() === wanted);
  if (found) return loadRunbook(found.file);

  if (looksLikePath) throw new UsageError(`${path}: no such runbook file; check the path`);
  const ids = entries.map((e) => e.id);
  // A part of the name ("disk" for disk-full) is the likeliest slip; then the fewest edits.
  const closest =
    ids.find((id) => id.toLowerCase().includes(wanted) || wanted.includes(id.toLowerCase())) ??
    ids
      .map((id) => ({ id, d: editDistance(wanted, id.toLowerCase()) }))
      .filter(({ d }) => d <= Math.max(2, wanted.length / 3))
      .sort((a, b) => a.d - b.d)[0]?.id;
  const hint = closest ? ` Did you mean "${closest}"?` : '';
  throw new UsageError(
    `no runbook "${nameOrFile}".${hint} Known: ${ids.join(', ') || 'none'}. A file path works too; \`oncall runbook list\` shows them all.`,
  );
}

/**
 * Runbooks for an alert (frontmatter alerts, or the file name: `disk-full.md`
 * answers alert DiskFull) and for a service; alert matches come first.
 */
export function matchRunbooks(
  config: ResolvedConfig,
  query: { service?: string; alert?: string },
): RunbookEntry[] {
  const entries = listRunbooks(config);
  const alert = query.alert ? squash(query.alert) : '';
  const service = query.service?.toLowerCase() ?? '';
  const byAlert = alert
    ? entries.filter(
        (e) => e.alerts.some((a) => squash(a) === alert) || squash(fileStem(e.file)) === alert,
      )
    : [];
  const byService = service
    ? entries.filter(
        (e) => !byAlert.includes(e) && e.services.some((s) => s.toLowerCase() === service),
      )
    : [];
  return [...byAlert, ...byService];
}
