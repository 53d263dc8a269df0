// Config: cosmiconfig (module name `oncall`) searched upward from the working
// directory, plus the user's ${XDG_CONFIG_HOME:-~/.config}/oncall/config.*.
// The project file wins field by field; contacts are merged by key.
// Every problem is reported at once, each with its file and path; exit 2.
import { existsSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Severity } from '../incident/events.js';
import { configHome } from '../store/paths.js';
import {
  type ConfigFile,
  configSchema,
  DEFAULT_SEVERITIES,
  type ResolvedConfig,
  type SeverityDef,
} from './schema.js';

const USER_CONFIG_NAMES = ['config.yaml', 'config.yml', 'config.json', 'config.js', 'config.mjs'];

interface Found {
  file: string;
  config: ConfigFile;
}

export class ConfigError extends UsageError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `invalid config: ${problems[0]}`
        : `invalid config (${problems.length} problems):\n  ${problems.join('\n  ')}`,
    );
  }
}

function validate(file: string, raw: unknown): { config?: ConfigFile; problems: string[] } {
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return { config: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.') || '(top level)';
      const message = issue.message.endsWith('received undefined')
        ? 'required, but missing'
        : issue.message.replace(/^Invalid input: /, '');
      return `${file}: ${path}: ${message}`;
    }),
  };
}

function absolutize(config: ConfigFile, file: string): ConfigFile {
  const dir = dirname(file);
  const templates = config.templates
    ? Object.fromEntries(
        Object.entries(config.templates).map(([k, v]) => [k, v ? resolve(dir, v) : v]),
      )
    : undefined;
  // `./bin/send-sms` in a channel's argv is the team's script beside the config.
  const channels = config.channels
    ? Object.fromEntries(
        Object.entries(config.channels).map(([name, channel]) => {
          if (channel.type !== 'command') return [name, channel];
          const [program = '', ...args] = channel.argv;
          const relative = program.startsWith('./') || program.startsWith('../');
          return [
            name,
            { ...channel, argv: [relative ? resolve(dir, program) : program, ...args] },
          ];
        }),
      )
    : undefined;
  return {
    ...config,
    runbooks: config.runbooks?.map((r) => resolve(dir, r)),
    templates,
    ...(channels ? { channels: channels as ConfigFile['channels'] } : {}),
  };
}

export function resolveConfig(found: Found[]): ResolvedConfig {
  // `found` is most specific first; apply the least specific first.
  const layers = [...found].reverse();
  const severities = { ...DEFAULT_SEVERITIES };
  const resolved: ResolvedConfig = {
    sources: found.map((f) => f.file),
    runbookDirs: [],
    contacts: {},
    severities,
    templates: {},
    redact: [],
    links: {},
    channels: {},
    updates: [],
  };
  for (const { config } of layers) {
    Object.assign(resolved.channels, config.channels ?? {});
    // The most specific file that says where updates go wins whole.
    if (config.updates) resolved.updates = config.updates;
    if (config.runbooks) resolved.runbookDirs = [...config.runbooks, ...resolved.runbookDirs];
    Object.assign(resolved.contacts, config.contacts ?? {});
    Object.assign(resolved.templates, config.templates ?? {});
    Object.assign(resolved.links, config.links ?? {});
    resolved.redact.push(...(config.redact ?? []));
    for (const [level, def] of Object.entries(config.severities ?? {})) {
      const current = severities[level as Severity];
      const next: SeverityDef = {
        ...current,
        ...(def?.label !== undefined ? { label: def.label } : {}),
        ...(def?.description !== undefined ? { description: def.description } : {}),
        ...(def?.updateEveryMinutes !== undefined
          ? { updateEveryMinutes: def.updateEveryMinutes }
          : {}),
      };
      severities[level as Severity] = next;
    }
  }
  return resolved;
}

export async function loadConfig(cwd: string, env: NodeJS.ProcessEnv): Promise<ResolvedConfig> {
  const { cosmiconfig, getDefaultSearchPlaces } = await import('cosmiconfig');
  const explorer = cosmiconfig('oncall', {
    // The defaults (package.json "oncall", .oncallrc*, oncall.config.{js,ts,mjs,cjs})
    // plus the YAML and JSON spellings a team is most likely to write.
    searchPlaces: [
      ...getDefaultSearchPlaces('oncall'),
      'oncall.config.yaml',
      'oncall.config.yml',
      'oncall.config.json',
    ],
    searchStrategy: 'global',
    stopDir: parsePath(resolve(cwd)).root,
  });
  const found: Found[] = [];
  const problems: string[] = [];
  const take = (file: string, raw: unknown) => {
    if (found.some((f) => f.file === file)) return;
    const { config, problems: p } = validate(file, raw);
    problems.push(...p);
    if (config) found.push({ file, config: absolutize(config, file) });
  };
  const load = async (
    fn: () => Promise<{ filepath: string; config: unknown } | null>,
    file?: string,
  ) => {
    try {
      const result = await fn();
      if (result) take(result.filepath, result.config);
    } catch (error) {
      // Parser messages span lines (with a code frame): keep the first two, flattened.
      const message = (error as Error).message
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, 2)
        .join(' ')
        .replace(/\s+/g, ' ');
      problems.push(file ? `${file}: cannot be read: ${message}` : message);
    }
  };

  await load(() => explorer.search(cwd));
  const userDir = configHome(env);
  for (const name of USER_CONFIG_NAMES) {
    const file = join(userDir, name);
    if (existsSync(file)) {
      await load(() => explorer.load(file), file);
      break;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return resolveConfig(found);
}
