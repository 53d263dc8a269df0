// Every temporary folder the tests make (homes, logs, git remotes, built
// copies: several hundred a run, some of them megabytes) goes under one folder
// for the run, removed when the run ends. Each test cleaning up its own would
// miss the ones a failed or killed test leaves, and a developer's /tmp filled
// up by the gigabyte over a few days of runs. TMPDIR is read by os.tmpdir() in
// the test workers, in the bin the tests spawn and in git, so all of them land
// here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'oncall-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    // A background sync a test started may still be writing: retry, and never fail the run for it.
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
}
