// The share's scale figures for `npm run bench`: a remote of 10 incidents and
// one of 300 (bench/remote.mjs, file://), and on each a new laptop's `oncall
// join` of one incident and, after a peer's note, its `oncall sync`. The join
// must not grow with the remote (target: within 1.5x of its 10-incident time),
// and the laptop's clone must hold only the incident it joined.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRemote, sizeOf } from './remote.mjs';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

/** `oncall <args>` as `actor` in `home`; its wall time in ms. */
function oncall(bin, home, actor, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ONCALL_HOME: home, ONCALL_ACTOR: actor, ONCALL_SYNC: 'off', CI: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`oncall ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The laptop's clone after a join: its size and how many refs (incidents' responders) it holds. */
function cloneOf(home) {
  const dir = join(home, 'share');
  const clone = join(
    dir,
    readdirSync(dir).find((n) => n.endsWith('.git')),
  );
  const refs = spawnSync('git', ['--git-dir', clone, 'for-each-ref', '--format=%(refname)'], {
    encoding: 'utf8',
  })
    .stdout.split('\n')
    .filter(Boolean);
  const incidents = new Set(refs.map((r) => r.split('/')[4]));
  return { bytes: sizeOf(clone), refs: refs.length, incidents: incidents.size };
}

/** Join and sync on remotes of 10 and 300 incidents, `runs` of each, interleaved. */
export function shareBench(bin, runs = Number(process.env.BENCH_SHARE_RUNS ?? 5)) {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-share-'));
  const remotes = {};
  for (const n of [10, 300]) {
    const remote = join(dir, `r${n}.git`);
    const ids = makeRemote(remote, { incidents: n });
    remotes[n] = {
      url: `file://${remote}`,
      id: ids.at(-1),
      bytes: sizeOf(remote),
      join: [],
      sync: [],
    };
  }
  let clone;
  for (let i = 0; i < runs; i++) {
    for (const n of [10, 300]) {
      const r = remotes[n];
      const home = join(dir, `laptop-${n}-${i}`);
      r.join.push(oncall(bin, home, `bench${i}@laptop`, ['join', r.id, '--remote', r.url]));
      if (n === 300) clone = cloneOf(home);
      // A peer notes and syncs; then this laptop's sync brings it (and sends nothing).
      const peer = join(dir, `peer-${n}-${i}`);
      oncall(bin, peer, `peer${i}@laptop`, ['join', r.id, '--remote', r.url]);
      oncall(bin, peer, `peer${i}@laptop`, ['note', 'a peer note']);
      oncall(bin, peer, `peer${i}@laptop`, ['sync']);
      r.sync.push(oncall(bin, home, `bench${i}@laptop`, ['sync']));
    }
  }
  const joinRatio = median(remotes[300].join) / median(remotes[10].join);
  const syncRatio = median(remotes[300].sync) / median(remotes[10].sync);
  const lines = [
    `share: a new laptop joins one incident (file://, ${runs} interleaved runs each, medians)`,
    `  remote of  10 incidents (${kb(remotes[10].bytes).padStart(8)}): join ${median(remotes[10].join).toFixed(0).padStart(5)} ms, sync ${median(remotes[10].sync).toFixed(0).padStart(5)} ms`,
    `  remote of 300 incidents (${kb(remotes[300].bytes).padStart(8)}): join ${median(remotes[300].join).toFixed(0).padStart(5)} ms, sync ${median(remotes[300].sync).toFixed(0).padStart(5)} ms`,
    `  join 300 vs 10:            ${joinRatio.toFixed(2)}x (target <= 1.5x: ${joinRatio <= 1.5 ? 'met' : 'NOT met'})`,
    `  sync 300 vs 10:            ${syncRatio.toFixed(2)}x (informational)`,
    `  the clone after a join on 300: ${kb(clone.bytes)} (${clone.refs} refs of ${clone.incidents} incident${clone.incidents === 1 ? '' : 's'}; target: only the incident joined: ${clone.incidents === 1 ? 'met' : 'NOT met'})`,
  ];
  rmSync(dir, { recursive: true, force: true });
  return lines;
}
