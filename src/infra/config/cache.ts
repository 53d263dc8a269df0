// The config as it was loaded before. Loading a YAML config costs cosmiconfig,
// js-yaml and the schema's zod: more than all the rest of an escalation's
// config, paid again by every command of the night. What a load gives depends
// only on the files' paths and bytes, this oncall and this Node (the regex
// engine that checks `redact` patterns), so it is kept with those bytes, and
// used only when every file still reads exactly so: no timestamp to be fooled
// by an edit within the same tick. Kept only for data (YAML, JSON) read
// whole: a JavaScript config runs as code every time, and a `$import` pulls
// in files this copy would not know about. A copy that cannot be read or
// written is passed over: it only ever saves time.

import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { writeFileAtomic } from '../store/atomic.js';
import { distrust, type TrustProbe } from './trust.js';

/** Bump when the same files would now load to a different config. */
const FORMAT = 1;

/** What cosmiconfig reads as data: YAML (also without an extension: `.oncallrc`) and JSON. */
const DATA_EXTENSIONS = new Set(['', '.yaml', '.yml', '.json']);

interface ConfigCache {
  /** The data home: the copies are kept in its cache/config (never created here). */
  home: string;
  /** This oncall's version: a new version loads again. */
  version: string;
  probe: TrustProbe;
}

interface Kept {
  format: number;
  version: string;
  node: string;
  files: readonly { file: string; text: string }[];
  config: ResolvedConfig;
}

/** Whether the config of `files` may be kept at all: data files only. */
function keepable(files: readonly string[]): boolean {
  return files.every((file) => DATA_EXTENSIONS.has(extname(file)));
}

/** FNV-1a, 32 bits: only names a copy (its content says whose it is). */
function nameOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function keptFile(files: readonly string[], cache: ConfigCache): string {
  const key = [FORMAT, cache.version, process.version, ...files].join('\0');
  return join(cache.home, 'cache', 'config', `${nameOf(key)}.json`);
}

const textOf = (file: string) => readFileSync(file, 'utf8');

/** The config kept for exactly these files as they read now, if any. */
export function keptConfig(
  files: readonly string[],
  cache: ConfigCache,
): ResolvedConfig | undefined {
  if (!keepable(files)) return undefined;
  const kept = keptFile(files, cache);
  try {
    // Trusted like the config it stands for.
    if (distrust(kept, cache.probe)) return undefined;
    const entry = JSON.parse(textOf(kept)) as Kept;
    const same =
      entry.format === FORMAT &&
      entry.version === cache.version &&
      entry.node === process.version &&
      entry.files.length === files.length &&
      entry.files.every((f, i) => f.file === files[i] && f.text === textOf(f.file));
    return same ? entry.config : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `config`, loaded from `files` with the texts the loaders were given,
 * when it is plain data that reads back the same, and the data home is
 * already there.
 */
export function keepConfig(
  files: readonly { file: string; text: string }[],
  config: ResolvedConfig,
  cache: ConfigCache,
): void {
  const names = files.map((f) => f.file);
  if (!keepable(names)) return;
  try {
    const text = JSON.stringify({
      format: FORMAT,
      version: cache.version,
      node: process.version,
      files,
      config,
    } satisfies Kept);
    if (!isDeepStrictEqual((JSON.parse(text) as Kept).config, config)) return;
    if (!statSync(cache.home).isDirectory()) return;
    const kept = keptFile(names, cache);
    mkdirSync(join(cache.home, 'cache', 'config'), { recursive: true, mode: 0o700 });
    writeFileAtomic(kept, text, 0o600);
  } catch {
    // A full or read-only disk, a file gone since: the next command loads again.
  }
}
