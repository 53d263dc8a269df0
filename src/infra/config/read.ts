// Reading config files with cosmiconfig (YAML, JSON, or a JavaScript config
// that runs), validating each against the schema and merging them: what
// load.ts does when it has no kept copy of these files' config (cache.ts).
// Loaded only then: cosmiconfig, js-yaml and the schema's zod cost an
// escalation more than the rest of its config.
import { realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ConfigFile,
  configSchema,
  DEFAULT_SEVERITIES,
  type ResolvedConfig,
  type SeverityDef,
} from '../../domain/config/schema.js';
import type { Severity } from '../../domain/incident/events.js';
import { distrust, type TrustProbe } from './trust.js';

interface Found {
  file: string;
  config: ConfigFile;
}

/** The files read, validated and absolutized, and every problem found on the way. */
interface Read {
  configs: Found[];
  problems: string[];
  /** Every file a loader read, with the text it was given: those asked for, and any `$import`s. */
  loaded: { file: string; text: string }[];
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
    ...(config.runbookUrls
      ? { runbookUrls: config.runbookUrls.map((m) => ({ ...m, path: resolve(dir, m.path) })) }
      : {}),
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
    pagerduty: { apiTokenEnv: 'PD_API_TOKEN' },
    pagerdutyConfigured: false,
    runbookUrls: [],
    autoUpdates: { sev: true, mitigate: true, resolve: true },
  };
  for (const { config, file } of layers) {
    if (config.pagerduty) {
      Object.assign(resolved.pagerduty, config.pagerduty);
      resolved.pagerdutyConfigured = true;
    }
    if (config.alertmanager)
      resolved.alertmanager = { ...resolved.alertmanager, ...config.alertmanager };
    if (config.runbookUrls) resolved.runbookUrls = [...config.runbookUrls, ...resolved.runbookUrls];
    if (config.share) resolved.share = { ...config.share, baseDir: dirname(file) };
    Object.assign(resolved.channels, config.channels ?? {});
    // The most specific file that says where updates go wins whole.
    if (config.updates) resolved.updates = config.updates;
    if (config.shell) resolved.shell = { ...resolved.shell, ...config.shell };
    Object.assign(resolved.autoUpdates, config.autoUpdates ?? {});
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

/** The first line of an error, flattened: parser messages span lines with a code frame. */
function firstLines(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 2)
    .join(' ')
    .replace(/\s+/g, ' ');
}

const SCRIPTS = new Set(['.js', '.mjs', '.cjs']);

/** A JavaScript config that failed: what it threw, and its line in the file when Node says. */
class ScriptFailure extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * A JavaScript config, run as Node runs it: import() takes ES modules and
 * CommonJS alike. cosmiconfig's own loader tries require() after a failed
 * import() and reports what that says, so an ES module with a syntax error
 * got Node's "Cannot require() ES Module … not yet fully loaded … race
 * condition" instead of the error in the file.
 */
async function runScript(file: string): Promise<unknown> {
  const real = await realpath(file);
  try {
    return ((await import(pathToFileURL(real).href)) as { default?: unknown }).default;
  } catch (error) {
    if (!(error instanceof Error)) throw new ScriptFailure(String(error));
    const named = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    throw new ScriptFailure(`${named}${error.message}`, lineIn(error.stack ?? '', real));
  }
}

/**
 * The line of `file` an error's stack points at: a syntax error's first line
 * (`/path/oncall.config.js:2`, above the code frame), or the first frame in
 * the file. Node gives neither for an ES module's syntax error.
 */
function lineIn(stack: string, file: string): number | undefined {
  for (const line of stack.split('\n')) {
    const at = line.indexOf(file);
    if (at < 0) continue;
    const found = /^:(\d+)/.exec(line.slice(at + file.length));
    if (found) return Number(found[1]);
  }
  return undefined;
}

/**
 * Reads `files` (found and trust-checked by load.ts) with cosmiconfig, as
 * `searchPlaces` name them; a file pulled in with `$import` is checked as it
 * is loaded, before it runs.
 */
export async function readConfigFiles(
  files: readonly string[],
  searchPlaces: string[],
  probe: TrustProbe,
): Promise<Read> {
  const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
  const read: Read = { configs: [], problems: [], loaded: [] };
  const loaders = Object.fromEntries(
    Object.entries(defaultLoaders).map(([ext, load]) => [
      ext,
      (file: string, content: string) => {
        read.loaded.push({ file, text: content });
        const reason = distrust(file, probe);
        if (reason) throw new Error(`refusing ${reason}`);
        return SCRIPTS.has(ext) ? runScript(file) : load(file, content);
      },
    ]),
  );
  const explorer = cosmiconfig('oncall', { searchPlaces, loaders, cache: false });
  for (const file of files) {
    try {
      const result = await explorer.load(file);
      const { config, problems } = validate(file, result?.config);
      read.problems.push(...problems);
      if (config) read.configs.push({ file, config: absolutize(config, file) });
    } catch (error) {
      const at = error instanceof ScriptFailure && error.line ? `:${error.line}` : '';
      read.problems.push(`${file}${at}: cannot be loaded: ${firstLines(error)}`);
    }
  }
  return read;
}
