// `npm run bench`: startup cost of the hot path, as ratios against a baseline
// measured in the same run (so a slow or busy machine does not skew the verdict).
//   1. `oncall note` vs `node -e 0`                     target <= 1.25x
//   2. `oncall note` on a 100,000-event log vs an empty one  target <= 1.10x
//   3. `oncall --help` vs `node -e 0`                     (informational)
//   4. `oncall note` on a shared incident (it starts a background sync) vs `node -e 0`
//                                                       target <= 1.25x
// Runs are interleaved so drift affects every command alike; medians are reported.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedIncident, syncsFinished } from './shared.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'bin', 'oncall');
const runs = Number(process.env.BENCH_RUNS ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-'));
const env = {
  ...process.env,
  ONCALL_HOME: join(dir, 'home'),
  XDG_CONFIG_HOME: join(dir, 'cfg'),
  ONCALL_ACTOR: 'bench@host',
  CI: 'true',
};

function incident(id, count) {
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
incident('empty', 0);
incident('big', 100_000);
sharedIncident(env.ONCALL_HOME, dir, 'shared');

function time(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const subjects = {
  'node -e 0': () => time(process.execPath, ['-e', '0']),
  'oncall note (empty log)': () =>
    time(process.execPath, [bin, 'note', '--incident', 'empty', 'bench note']),
  'oncall note (100k-event log)': () =>
    time(process.execPath, [bin, 'note', '--incident', 'big', 'bench note']),
  'oncall --help': () => time(process.execPath, [bin, '--help']),
  'oncall note (shared incident)': () =>
    time(process.execPath, [bin, 'note', '--incident', 'shared', 'bench note']),
};
const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const run of Object.values(subjects)) run(); // warm the disk cache
for (let i = 0; i < runs; i++)
  for (const [name, run] of Object.entries(subjects)) samples[name].push(run());

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
console.log(`oncall bench: ${runs} interleaved runs each, medians (node ${process.version})`);
for (const [name, ms] of Object.entries(m))
  console.log(`  ${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms`);
const verdict = (ratio, target) =>
  `${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? 'met' : 'NOT met'})`;
console.log(
  `note vs node -e 0:          ${verdict(m['oncall note (empty log)'] / m['node -e 0'], 1.25)}`,
);
console.log(
  `100k log vs empty log:      ${verdict(m['oncall note (100k-event log)'] / m['oncall note (empty log)'], 1.1)}`,
);
console.log(`--help vs node -e 0:        ${(m['oncall --help'] / m['node -e 0']).toFixed(2)}x`);
console.log(
  `shared note vs node -e 0:   ${verdict(m['oncall note (shared incident)'] / m['node -e 0'], 1.25)}`,
);
await syncsFinished(env.ONCALL_HOME);
rmSync(dir, { recursive: true, force: true });
