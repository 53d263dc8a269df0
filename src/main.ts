// The entry the bin loads. `oncall note` is typed all night from any terminal,
// so it skips commander (whose load alone costs a quarter of Node's startup
// here) and goes straight to a small CommonJS bundle of its own; everything
// else, including `oncall note --help`, goes through the full CLI.
import { createRequire } from 'node:module';
import { errnoLine } from './store/disk-error.js';
import { safeLine } from './text/terminal-safe.js';

interface Entry {
  main(argv: string[]): Promise<void>;
}

export async function main(argv: string[]): Promise<void> {
  // `oncall timeline | head`: the reader left; that is not an error worth a stack.
  // A terminal that hung up (EIO after SIGHUP) can show nothing more, but the
  // work goes on: a running command's end is still to be recorded.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    if (error.code === 'EIO') return;
    throw error;
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EIO' || error.code === 'EPIPE') return;
    throw error;
  });
  const args = argv.slice(2);
  const fast = args[0] === 'note' && !args.some((a) => a === '-h' || a === '--help');
  // Built separately (see build.mjs): names in variables so esbuild leaves them be.
  const fastNote = './fast-note.cjs';
  const cli = './cli.js';
  const entry: Entry = fast ? createRequire(__filename)(fastNote) : await import(cli);
  try {
    await entry.main(argv);
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
