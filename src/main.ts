// The entry the bin loads. `oncall note` is typed all night from any terminal,
// so it skips commander (whose load alone costs a quarter of Node's startup
// here) and goes straight to a small CommonJS bundle of its own. So do the
// other everyday commands (status, timeline, bare `oncall`, update, escalate,
// handoff, postmortem: src/fast/) and export (a night's 100,000 events), each
// from a bundle of its own; everything
// else, and any `--help`, goes through the full CLI.
import { accessSync, constants, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { safeLine } from './domain/text/terminal-safe.js';
import { errnoLine } from './infra/store/disk-error.js';

interface Entry {
  /** false: the words are for commander after all (src/fast/command.ts). */
  main(argv: string[]): Promise<boolean | undefined>;
}

/** The commands with a bundle of their own, `dist/fast-<name>.cjs`; bare `oncall` is `home`. */
const FAST = new Set([
  'note',
  'status',
  'timeline',
  'update',
  'escalate',
  'handoff',
  'postmortem',
  'export',
]);

/** build.mjs sets this to a fast bundle's path to have V8's code cache written beside it. */
const WRITE_CACHE = 'ONCALL_WRITE_CODE_CACHE';

/**
 * Where this Node keeps its code cache of `file`: one per V8 version, as no
 * other V8 takes it. The build writes its own Node's; a responder on another
 * Node gets one kept by their first run (keepCodeCache).
 */
const cacheFileOf = (file: string) => `${file}.${process.versions.v8}.cache`;

/** The code cache made for exactly this build of `file` (written after it), if any. */
function codeCacheOf(file: string): Buffer | undefined {
  try {
    const cacheFile = cacheFileOf(file);
    if (statSync(cacheFile).mtimeMs < statSync(file).mtimeMs) return undefined;
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

interface FastBundle {
  entry: Entry;
  script: Script;
  file: string;
}

/**
 * A fast bundle, loaded as require() would, but compiled from V8's code
 * cache when there is one: compiling the note's 60 KB costs `oncall note` a
 * fifth of what it adds to Node's start. V8 checks the cache against its
 * version, flags and the source, and compiles afresh when it does not fit.
 */
function fastBundle(file: string): FastBundle {
  const script = new Script(wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData: codeCacheOf(file),
  });
  if (script.cachedDataRejected === false && process.env[WRITE_CACHE] !== file) optimiseLater(file);
  const module = { exports: {} as Entry };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { entry: module.exports, script, file };
}

/**
 * On Node 20 a text timeline waited ~8 ms at its end for V8's optimising
 * compiles of its last hot loops, still running on a background thread when
 * it had printed everything (Node waits for them at exit; Node 22 and 24 do
 * not). Such code would run once or never: V8 is told to optimise later
 * (after four times the bytecode) for this bundle only. Measured on a night's
 * 2,000 events, interleaved: timeline 102 -> 94 ms; the other commands gained
 * nothing or lost (a postmortem's long draft wants its optimised code), and
 * node:v8 costs 1.4 ms to load. Only in a run that writes no code cache: a
 * cache V8 takes must be made with its flags as they were when it started.
 * `--interrupt-budget` is V8 11's (Node 20's) and unknown to later V8s.
 */
function optimiseLater(file: string): void {
  if (!file.endsWith('/fast-timeline.cjs') || Number.parseInt(process.versions.v8, 10) >= 12)
    return;
  createRequire(file)('node:v8').setFlagsFromString('--interrupt-budget=524288');
}

/**
 * After a run (so it holds the functions the command compiled too): the
 * code cache the build asked for, or one for this Node when V8 had none it
 * took, if the folder lets us write. Written whole and then renamed: another
 * `oncall` may be reading it. Only a speed-up: any failure is passed over.
 */
function keepCodeCache({ script, file }: FastBundle): void {
  const asked = process.env[WRITE_CACHE] === file;
  if (!asked && script.cachedDataRejected === false) return;
  try {
    accessSync(dirname(file), constants.W_OK);
    const cache = cacheFileOf(file);
    const temporary = `${cache}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cache);
  } catch {
    // A folder this user cannot write (a global install): compiled as usual next time too.
  }
}

/**
 * `oncall timeline | head`: the reader left; that is not an error worth a stack.
 * A terminal that hung up (EIO after SIGHUP) can show nothing more, but the
 * work goes on: a running command's end is still to be recorded.
 */
function quietStreams(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    if (error.code === 'EIO') return;
    throw error;
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EIO' || error.code === 'EPIPE') return;
    throw error;
  });
}

/** The fast bundle for these words, if they have one (no help asked for). */
function fastBundleFor(args: string[]): string | undefined {
  if (args.length === 0) return 'fast-home.cjs';
  const name = args[0] as string;
  if (!FAST.has(name) || args.some((a) => a === '-h' || a === '--help')) return undefined;
  return `fast-${name}.cjs`;
}

export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  const fastName = fastBundleFor(args);
  // The note writes without the streams (context.ts directOutput); touching them costs it.
  if (fastName !== 'fast-note.cjs') quietStreams();
  // Built separately (see build.mjs): names in variables so esbuild leaves them be.
  const fast = fastName ? fastBundle(`${__dirname}/${fastName}`) : undefined;
  const cli = './cli.js';
  try {
    const handled = fast && (await fast.entry.main(argv)) !== false;
    if (!handled) await ((await import(cli)) as Entry).main(argv);
    // From a run that did the command's work, not one that stopped at an error.
    else if (!process.exitCode) keepCodeCache(fast);
  } catch (error) {
    // The last safety net: the store words disk errors itself, but one that slips
    // past with a path (a file where a folder should be...) is still one line.
    // Anything else may be a bug and keeps its stack.
    const line = errnoLine(error);
    if (line === undefined) throw error;
    process.stderr.write(`oncall: ${safeLine(line)}\n`);
    process.exitCode = 1;
  }
}
