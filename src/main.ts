// The entry the bin loads. `oncall note` is typed all night from any terminal,
// so it skips commander (whose load alone costs a quarter of Node's startup
// here) and goes straight to a small CommonJS bundle of its own; everything
// else, including `oncall note --help`, goes through the full CLI.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { safeLine } from './domain/text/terminal-safe.js';
import { errnoLine } from './infra/store/disk-error.js';

interface Entry {
  main(argv: string[]): Promise<void>;
}

/** build.mjs sets this to the note bundle's path to have V8's code cache written beside it. */
const WRITE_CACHE = 'ONCALL_WRITE_CODE_CACHE';

/** The code cache build.mjs left for exactly this build of `file` (written after it), if any. */
function codeCacheOf(file: string, cacheFile: string): Buffer | undefined {
  try {
    if (statSync(cacheFile).mtimeMs < statSync(file).mtimeMs) return undefined;
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * The note bundle, loaded as require() would, but compiled from V8's code
 * cache when there is one: compiling its 60 KB costs `oncall note` a fifth of
 * what it adds to Node's start. V8 checks the cache against its version, flags
 * and the source, and compiles afresh when it does not fit.
 */
function fastNote(file: string): { entry: Entry; script: Script; file: string } {
  const cacheFile = `${file}.cache`;
  const script = new Script(wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData: codeCacheOf(file, cacheFile),
  });
  const module = { exports: {} as Entry };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { entry: module.exports, script, file };
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

export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  const fast = args[0] === 'note' && !args.some((a) => a === '-h' || a === '--help');
  // The note writes without the streams (context.ts directOutput); touching them costs it.
  if (!fast) quietStreams();
  // Built separately (see build.mjs): names in variables so esbuild leaves them be.
  const fastNoteFile = 'fast-note.cjs';
  const cli = './cli.js';
  const note = fast ? fastNote(`${__dirname}/${fastNoteFile}`) : undefined;
  const entry: Entry = note ? note.entry : await import(cli);
  try {
    await entry.main(argv);
    // After the run, so the cache holds the functions a note compiled too.
    if (note && process.env[WRITE_CACHE] === note.file)
      writeFileSync(`${note.file}.cache`, note.script.createCachedData());
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
