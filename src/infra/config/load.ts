// Config: the project file (cosmiconfig's search places, from the working
// directory up), plus the user's ${XDG_CONFIG_HOME:-~/.config}/oncall/config.*.
// Files are found first and trust-checked before they are read (or, for
// JavaScript, run). The project file wins field by field; contacts are
// merged by key. Every problem is reported at once, each with its file and
// path; exit 2. The files are read (read.ts) only when no copy of their
// config is kept for exactly their bytes (cache.ts).
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { UsageError } from '../../errors.js';
import { packageVersion } from '../../version.js';
import { configHome, dataHome } from '../store/paths.js';
import { keepConfig, keptConfig } from './cache.js';
import { findConfigFiles } from './find.js';
import { distrust, processTrustProbe, type TrustProbe } from './trust.js';

const USER_CONFIG_NAMES = ['config.yaml', 'config.yml', 'config.json', 'config.js', 'config.mjs'];

/**
 * cosmiconfig's default search places for `oncall` (package.json "oncall",
 * .oncallrc*, oncall.config.{js,ts,cjs,mjs}: getDefaultSearchPlaces, which a
 * test holds this list to) plus the YAML and JSON spellings a team is most
 * likely to write. Written out, so finding the files loads no cosmiconfig.
 */
export const SEARCH_PLACES = [
  'package.json',
  '.oncallrc',
  '.oncallrc.json',
  '.oncallrc.yaml',
  '.oncallrc.yml',
  '.oncallrc.js',
  '.oncallrc.ts',
  '.oncallrc.cjs',
  '.oncallrc.mjs',
  '.config/oncallrc',
  '.config/oncallrc.json',
  '.config/oncallrc.yaml',
  '.config/oncallrc.yml',
  '.config/oncallrc.js',
  '.config/oncallrc.ts',
  '.config/oncallrc.cjs',
  '.config/oncallrc.mjs',
  'oncall.config.js',
  'oncall.config.ts',
  'oncall.config.cjs',
  'oncall.config.mjs',
  'oncall.config.yaml',
  'oncall.config.yml',
  'oncall.config.json',
];

export class ConfigError extends UsageError {
  constructor(
    readonly problems: string[],
    heading = 'invalid config',
  ) {
    super(
      problems.length === 1
        ? `${heading}: ${problems[0]}`
        : `${heading} (${problems.length} problems):\n  ${problems.join('\n  ')}`,
    );
  }
}

interface LoadOptions {
  /** Who we are and who owns the files; tests inject one (they run as root). */
  trust?: TrustProbe;
}

export async function loadConfig(
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: LoadOptions = {},
): Promise<ResolvedConfig> {
  const probe = options.trust ?? processTrustProbe();
  const found = findConfigFiles(cwd, SEARCH_PLACES, configHome(env), USER_CONFIG_NAMES);
  const refused = found.files.flatMap((file) => distrust(file, probe) ?? []);
  if (refused.length) throw new ConfigError(refused, 'refusing config');
  const cache = { home: dataHome(env), version: packageVersion(), probe };
  if (!found.problems.length) {
    const kept = keptConfig(found.files, cache);
    if (kept) return kept;
  }

  const { readConfigFiles, resolveConfig } = await import('./read.js');
  const read = await readConfigFiles(found.files, SEARCH_PLACES, probe);
  const problems = [...found.problems, ...read.problems];
  if (problems.length) throw new ConfigError(problems);
  const config = resolveConfig(read.configs);
  // Read whole by exactly the files found (no `$import` pulled in another).
  const whole =
    read.loaded.length === found.files.length &&
    read.loaded.every((l, i) => l.file === found.files[i]);
  if (whole) keepConfig(read.loaded, config, cache);
  return config;
}
