// `npm run bench`: the CLI's costs as ratios against baselines measured in the
// same run (so a slow or busy machine does not skew the verdict).
// The hot path, startup:
//   1. `oncall note` vs `node -e 0`                          target <= 1.25x
//   2. `oncall note` on a 100,000-event log vs an empty one  target <= 1.10x
//   3. `oncall --help` vs `node -e 0`                        (informational)
//   3b. `oncall note` on a shared incident (it starts a background sync) vs `node -e 0`
//                                                            target <= 1.25x
// The readers, on a realistic 100,000-event incident (bench/incident.mjs), vs the
// floor (bench/floor.mjs: read the file, JSON.parse every line):
//   4. time: status <= 2x; postmortem, export --json <= 3x; timeline --json (informational)
//   5. peak memory (max RSS) of each <= 2x the floor's
// Runs are interleaved so drift affects every command alike; medians are reported.
// BENCH_RUNS (default 40) and BENCH_READER_RUNS (default 7) set the counts,
// BENCH_EVENTS (default 100000) the readers' incident's length; BENCH_BIN
// times another build's bin/oncall (e.g. the one before a change).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIncident } from './incident.mjs';
import { sharedIncident, syncsFinished, syncsFinishedNow } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const bin = process.env.BENCH_BIN ?? join(root, 'bin', 'oncall');
const runs = Number(process.env.BENCH_RUNS ?? 40);
const readerRuns = Number(process.env.BENCH_READER_RUNS ?? 7);
const readerEvents = Number(process.env.BENCH_EVENTS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-'));
const env = {
  ...process.env,
  ONCALL_HOME: join(dir, 'home'),
  XDG_CONFIG_HOME: join(dir, 'cfg'),
  ONCALL_ACTOR: 'bench@host',
  CI: 'true',
};

/** An incident of `count` plain notes: what the note bench appends to. */
function notesIncident(id, count) {
  const folder = join(env.ONCALL_HOME, 'incidents', id);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const t0 = Date.parse('2026-11-22T02:00:00.000Z');
  const lines = [
    JSON.stringify({
      v: 1,
      id: randomUUID(),
      incident: id,
      ts: new Date(t0).toISOString(),
      actor: 'bench@host',
      type: 'incident.opened',
      title: 'bench',
      severity: 'SEV2',
      nextUpdateDue: null,
    }),
  ];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        v: 1,
        id: randomUUID(),
        incident: id,
        ts: new Date(t0 + i * 10).toISOString(),
        actor: 'bench@host',
        type: 'note',
        kind: 'note',
        text: `event ${i} with a little text like a real note would have`,
      }),
    );
  }
  writeFileSync(join(folder, 'events.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
}
notesIncident('empty', 0);
notesIncident('big', 100_000);
sharedIncident(env.ONCALL_HOME, dir, 'shared');
const readersLog = writeIncident(
  env.ONCALL_HOME,
  'readers',
  readerEvents,
  join(root, 'examples', 'runbooks', 'api-latency.md'),
);

/** Runs one command; its wall time in ms and, when preloaded with maxrss.cjs, its peak RSS in kB. */
function run(args, { rss = false } = {}) {
  const full = rss ? ['-r', join(here, 'maxrss.cjs'), ...args] : args;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, full, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const stderr = String(r.stderr);
  if (r.status !== 0) throw new Error(`node ${full.join(' ')} failed: ${stderr}`);
  const kb = /bench-maxrss-kb=(\d+)/.exec(stderr)?.[1];
  return { ms, kb: kb === undefined ? undefined : Number(kb) };
}

/** Interleaves `count` runs of every subject after `warm` warm-up rounds; medians of each. */
function measure(subjects, count, warm) {
  const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, { ms: [], kb: [] }]));
  for (let i = 0; i < warm; i++) for (const go of Object.values(subjects)) go();
  for (let i = 0; i < count; i++)
    for (const [name, go] of Object.entries(subjects)) {
      const { ms, kb } = go();
      samples[name].ms.push(ms);
      if (kb !== undefined) samples[name].kb.push(kb);
    }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, { ms: median(v.ms), kb: median(v.kb) }]),
  );
}

function median(xs) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const verdict = (ratio, target) =>
  `${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? 'met' : 'NOT met'})`;

// ── 1-3: startup of the hot path ──────────────────────────────────────────
const startup = measure(
  {
    'node -e 0': () => run(['-e', '0']),
    'oncall note (empty log)': () => run([bin, 'note', '--incident', 'empty', 'bench note']),
    'oncall note (100k-event log)': () => run([bin, 'note', '--incident', 'big', 'bench note']),
    'oncall --help': () => run([bin, '--help']),
    'oncall note (shared incident)': () => {
      const timed = run([bin, 'note', '--incident', 'shared', 'bench note']);
      syncsFinishedNow(env.ONCALL_HOME);
      return timed;
    },
  },
  runs,
  3,
);
console.log(`oncall bench: ${runs} interleaved runs each, medians (node ${process.version})`);
for (const [name, { ms }] of Object.entries(startup))
  console.log(`  ${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms`);
const ms = (name) => startup[name].ms;
console.log(
  `note vs node -e 0:          ${verdict(ms('oncall note (empty log)') / ms('node -e 0'), 1.25)}`,
);
console.log(
  `100k log vs empty log:      ${verdict(ms('oncall note (100k-event log)') / ms('oncall note (empty log)'), 1.1)}`,
);
console.log(`--help vs node -e 0:        ${(ms('oncall --help') / ms('node -e 0')).toFixed(2)}x`);
console.log(
  `shared note vs node -e 0:   ${verdict(ms('oncall note (shared incident)') / ms('node -e 0'), 1.25)}`,
);

// ── 4-5: the readers on a long incident ───────────────────────────────────
const reader =
  (...args) =>
  () =>
    run([bin, ...args, '--incident', 'readers'], { rss: true });
const readers = measure(
  {
    floor: () => run([join(here, 'floor.mjs'), readersLog], { rss: true }),
    status: reader('status'),
    'timeline --json': reader('timeline', '--json'),
    postmortem: reader('postmortem', '--force'),
    'export --json': reader('export', '--json'),
  },
  readerRuns,
  1,
);
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const floor = readers.floor;
console.log();
console.log(
  `readers: ${readerEvents.toLocaleString('en-US')} events (${(statSync(readersLog).size / 1e6).toFixed(1)} MB), ${readerRuns} interleaved runs each, medians`,
);
console.log(
  `  ${'floor (read + JSON.parse)'.padEnd(26)} ${floor.ms.toFixed(0).padStart(6)} ms  ${mb(floor.kb).padStart(7)} max RSS`,
);
const targets = { status: 2, 'timeline --json': undefined, postmortem: 3, 'export --json': 3 };
for (const [name, target] of Object.entries(targets)) {
  const r = readers[name];
  const time = r.ms / floor.ms;
  const memory = r.kb / floor.kb;
  console.log(
    `  ${name.padEnd(26)} ${r.ms.toFixed(0).padStart(6)} ms  ${mb(r.kb).padStart(7)} max RSS`,
  );
  console.log(
    `    time vs floor:   ${target === undefined ? `${time.toFixed(2)}x (informational)` : verdict(time, target)}`,
  );
  console.log(`    memory vs floor: ${verdict(memory, 2)}`);
}
await syncsFinished(env.ONCALL_HOME);
rmSync(dir, { recursive: true, force: true });
