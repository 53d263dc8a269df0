// Three kinds of test, each its own project so the output names what failed:
// unit (pure logic), integration (commands in process with a fake Context and a
// temporary ONCALL_HOME) and e2e (the built bin, spawned as a user runs it).
// Only e2e needs dist/: it is built while integration files run, and each e2e
// file waits for it (test/setup/build.ts, the order: test/setup/sequencer.ts).
//
// Speed on a 2-core machine: vitest's default is one worker fewer than the
// cores (one, here); one more than the cores is asked for (3 here): a worker
// waits much of its time on its tests' processes, terminals and timers (git,
// the bin, shells), and the third keeps both cores busy meanwhile. Unit and
// integration files share their worker's modules (isolate: false) instead of
// importing src/ afresh for each file, which cost more than their tests: the
// modules that keep state (caches keyed by their input, the journal's counters
// keyed by log file) give the same answers whichever file asks first, and the
// one test that changes process.env.TZ puts it back. End-to-end files share
// their worker too: their tests run the built bin in processes of its own, and
// what a file keeps at its top (servers, markers) is its own, made again when
// the next file loads. The worker pool is forks, not threads: commands run in
// process set the umask (git), which a worker thread may not.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { Sequencer } from './test/setup/sequencer.js';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: Sequencer },
    // One temporary folder for the run, removed at its end (test/setup/temp.ts).
    globalSetup: ['test/setup/temp.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          isolate: false,
          // Local clock times (HH:MM) are read in the process's zone; the fake context says UTC too.
          env: { TZ: 'UTC' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/build.ts'],
          setupFiles: ['test/setup/built.ts'],
          isolate: false,
        },
      },
    ],
  },
});
