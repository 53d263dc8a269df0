// A runbook as it was parsed before. Reading one loads yaml, markdown-it and
// the shell grammar's WebAssembly: about 150 ms of an `oncall status`, more
// than all the rest of a status on a short incident, paid again on every
// status, handoff and resume of the night. What a parse gives depends only on
// the file's path and bytes and on this oncall (its version, and FORMAT for a
// change to the parser within one), so it is kept by that key, as JSON, and
// the parser is loaded only when the key is new. A cache that cannot be read
// or written is passed over: it only ever saves time.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runbook } from '../../domain/runbook/types.js';
import { crc32, crc32Hex } from '../../domain/text/hash.js';
import { writeFileAtomic } from '../store/atomic.js';

/** Bump when the same bytes would now parse to a different runbook. */
const FORMAT = 1;

interface RunbookCache {
  /** The folder the parses are kept in (ONCALL_HOME/cache/runbooks). */
  dir: string;
  /** This oncall's version: a new version parses again. */
  version: string;
}

/** The runbook at `file`, parsed, from the cache when these bytes were parsed before. */
export async function loadRunbookCached(file: string, cache: RunbookCache): Promise<Runbook> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // The parser's reader says why, in its words.
    return (await import('./load.js')).loadRunbook(file);
  }
  // CRC-32 and length: a cache key, not a name (see domain/text/hash.ts); the kept parse names its file too.
  const key = `${crc32Hex(text, crc32(`${FORMAT}\0${cache.version}\0${file}\0`))}-${text.length}`;
  const kept = join(cache.dir, `${key}.json`);
  const hit = readKept(kept, file);
  if (hit) return hit;
  const runbook = (await import('../../domain/runbook/parse.js')).runbookFrom(text, file);
  keep(cache.dir, kept, runbook);
  return runbook;
}

function readKept(kept: string, file: string): Runbook | undefined {
  try {
    const runbook = JSON.parse(readFileSync(kept, 'utf8')) as Runbook;
    return runbook.file === file && Array.isArray(runbook.steps) ? runbook : undefined;
  } catch {
    return undefined;
  }
}

function keep(dir: string, kept: string, runbook: Runbook): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(kept, JSON.stringify(runbook), 0o600);
  } catch {
    // A full or read-only disk: the next read parses again.
  }
}
