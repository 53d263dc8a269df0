// `npm run bench`: the CLI's costs as ratios against baselines measured in the
// same run (so a slow or busy machine does not skew the verdict).
// The hot path, startup:
//   1. `oncall note` vs `node -e 0`                          target <= 1.25x
//   2. `oncall note` on a 100,000-event log vs an empty one  target <= 1.10x
//   3. `oncall --help` vs `node -e 0`                        (informational)
//   3b. `oncall note` on a shared incident (it starts a background sync) vs `node -e 0`
//                                                            target <= 1.25x
//   3c. `oncall note` vs `node -e 0` on each other Node version (bench/nodes.mjs)
// A night at 2am (bench/night.mjs): the everyday commands on an incident of
// 2,000 events vs `node -e 0`: status, timeline, bare `oncall`, `update
// --no-post` <= 1.5x; escalate, handoff, postmortem <= 2x.
// The readers, on a realistic 100,000-event incident (bench/incident.mjs), vs the
// floor (bench/floor.cjs: read the file, split the lines, JSON.parse each):
//   4. time: status <= 2x; postmortem, export --json <= 3x; timeline --json (informational)
//   5. peak memory (max RSS) of each <= 2x the floor's when it keeps the events (as a reader must)
// The shell hooks (bench/hook.mjs), in each shell installed:
//   6. the hook's cost per command, timed in the shell       target <= 5 ms
//   7. a typed command's prompt back -> its event in the log target <= 2000 ms
// Sharing (bench/share.mjs): a new laptop's join of one incident on a remote
// of 300 incidents vs one of 10                            target <= 1.5x
// and the clone it keeps holding only that incident; a sync's cost on each.
// Runs are interleaved so drift affects every command alike; medians are reported.
// The verdicts are on wall-clock time (what the responder waits for); the night
// and the readers also show CPU time (user + system of every thread, from
// bench/usage.cjs) against the same baseline's, as a ratio and no verdict: it
// counts the garbage collector's helper threads, which run beside the command
// on a second core, yet a loaded machine stretches wall time far more than CPU
// time, so when the machine is busy it is the better guess at the wall ratio
// a quiet one would show.
// BENCH_ONLY (startup, nodes, night, readers, hooks, share; comma-separated) runs only those sections.
// BENCH_RUNS (default 40), BENCH_NIGHT_RUNS (default 15), BENCH_READER_RUNS
// (default 7) and BENCH_SHARE_RUNS (default 5) set the counts, BENCH_EVENTS (default 100000) the readers'
// incident's length; BENCH_BIN times another build's bin/oncall (e.g. the one
// before a change); BENCH_NODES the other Node binaries (see bench/nodes.mjs).
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIncident } from './incident.mjs';
import { load, measure, run as runNode, verdict } from './measure.mjs';
import { NIGHT_COMMANDS, NIGHT_EVENTS, writeNight } from './night.mjs';
import { noteCacheOn, otherNodes } from './nodes.mjs';
import { shareBench } from './share.mjs';
import { sharedIncident, syncsFinished, syncsFinishedNow } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const bin = process.env.BENCH_BIN ?? join(root, 'bin', 'oncall');
const runs = Number(process.env.BENCH_RUNS ?? 40);
const nightRuns = Number(process.env.BENCH_NIGHT_RUNS ?? 15);
const readerRuns = Number(process.env.BENCH_READER_RUNS ?? 7);
const readerEvents = Number(process.env.BENCH_EVENTS ?? 100_000);
const runbook = join(root, 'examples', 'runbooks', 'api-latency.md');
const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-'));
const env = {
  ...process.env,
  ONCALL_HOME: join(dir, 'home'),
  XDG_CONFIG_HOME: join(dir, 'cfg'),
  ONCALL_ACTOR: 'bench@host',
  CI: 'true',
};
const run = (args, options = {}) => runNode(args, { env, ...options });
const only = process.env.BENCH_ONLY?.split(',');
const section = (name) => !only || only.includes(name);

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
if (section('startup')) {
  notesIncident('big', 100_000);
  sharedIncident(env.ONCALL_HOME, dir, 'shared');
}
const readersLog = section('readers')
  ? writeIncident(env.ONCALL_HOME, 'readers', readerEvents, runbook)
  : '';
const night = writeNight(join(dir, 'night'), runbook, env);

// ── 1-3: startup of the hot path ──────────────────────────────────────────
if (section('startup')) startupSection();
function startupSection() {
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
  console.log(
    `oncall bench: ${runs} interleaved runs each, medians (node ${process.version}; ${load()})`,
  );
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
}

// ── 3c: the note on the other Node versions responders run ─────────────────
for (const { bin: node, version } of section('nodes') ? otherNodes() : []) {
  const other = measure(
    {
      'node -e 0': () => run(['-e', '0'], { node }),
      note: () => run([bin, 'note', '--incident', 'empty', 'bench note'], { node }),
    },
    Math.ceil(runs / 2),
    3,
  );
  const cache = `code cache ${noteCacheOn(node, join(dirname(bin), '..', 'dist'))}`;
  console.log(
    `note vs node -e 0 on ${version}: ${verdict(other.note.ms / other['node -e 0'].ms, 1.25)} (${other.note.ms.toFixed(1)} vs ${other['node -e 0'].ms.toFixed(1)} ms; ${cache})`,
  );
}

// ── a night at 2am: the everyday commands on 2,000 events ─────────────────
if (section('night')) nightSection();
function nightSection() {
  const timed = (args) => () => run(args, { env: night.env, before: night.reset, usage: true });
  const nightly = measure(
    {
      'node -e 0': timed(['-e', '0']),
      ...Object.fromEntries(NIGHT_COMMANDS.map(([name, args]) => [name, timed([bin, ...args])])),
    },
    nightRuns,
    1,
  );
  console.log();
  console.log(
    `a night: ${NIGHT_EVENTS.toLocaleString('en-US')} events, ${nightRuns} interleaved runs each, medians (${load()})`,
  );
  console.log(
    `  ${''.padEnd(26)} ${'wall'.padStart(6)}     wall vs node -e 0 (the verdict)      CPU  CPU vs node -e 0`,
  );
  const floor = nightly['node -e 0'];
  console.log(
    `  ${'node -e 0'.padEnd(26)} ${floor.ms.toFixed(0).padStart(6)} ms ${''.padEnd(34)} ${floor.cpu.toFixed(0).padStart(4)} ms`,
  );
  for (const [name, , target] of NIGHT_COMMANDS) {
    const r = nightly[name];
    console.log(
      `  ${name.padEnd(26)} ${r.ms.toFixed(0).padStart(6)} ms  ${verdict(r.ms / floor.ms, target).padEnd(33)} ${r.cpu.toFixed(0).padStart(4)} ms  ${(r.cpu / floor.cpu).toFixed(2)}x`,
    );
  }
}

// ── 4-5: the readers on a long incident ───────────────────────────────────
if (section('readers')) readersSection();
function readersSection() {
  const reader =
    (...args) =>
    () =>
      run([bin, ...args, '--incident', 'readers'], { usage: true });
  const readers = measure(
    {
      floor: () => run([join(here, 'floor.cjs'), readersLog], { usage: true }),
      'floor, keeping': () => run([join(here, 'floor.cjs'), readersLog, '--keep'], { usage: true }),
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
  const kept = readers['floor, keeping'];
  console.log();
  console.log(
    `readers: ${readerEvents.toLocaleString('en-US')} events (${(statSync(readersLog).size / 1e6).toFixed(1)} MB), ${readerRuns} interleaved runs each, medians (${load()})`,
  );
  console.log(
    `  ${'floor (read, split, parse)'.padEnd(26)} ${floor.ms.toFixed(0).padStart(6)} ms  ${mb(floor.kb).padStart(7)} max RSS`,
  );
  console.log(
    `  ${'floor, keeping the events'.padEnd(26)} ${kept.ms.toFixed(0).padStart(6)} ms  ${mb(kept.kb).padStart(7)} max RSS`,
  );
  const targets = { status: 2, 'timeline --json': undefined, postmortem: 3, 'export --json': 3 };
  for (const [name, target] of Object.entries(targets)) {
    const r = readers[name];
    const time = r.ms / floor.ms;
    const memory = r.kb / kept.kb;
    console.log(
      `  ${name.padEnd(26)} ${r.ms.toFixed(0).padStart(6)} ms  ${mb(r.kb).padStart(7)} max RSS`,
    );
    console.log(
      `    time vs floor:   ${target === undefined ? `${time.toFixed(2)}x (informational)` : verdict(time, target)}`,
    );
    const cpu = r.cpu / floor.cpu;
    console.log(
      `    CPU vs floor:    ${cpu.toFixed(2)}x (${r.cpu.toFixed(0)} vs ${floor.cpu.toFixed(0)} ms)`,
    );
    console.log(`    memory vs floor keeping the events: ${verdict(memory, 2)}`);
  }
}
await syncsFinished(env.ONCALL_HOME);
rmSync(dir, { recursive: true, force: true });

// 6-7: the shell hooks.
if (section('hooks')) await import('./hook.mjs');

// ── 8: sharing, on remotes of 10 and 300 incidents ────────────────────────
if (section('share')) {
  console.log();
  for (const line of shareBench(bin)) console.log(line);
}
