// How the bench times a command: one process per run, runs of every subject
// interleaved (so a busy neighbour slows them all alike), medians reported.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Runs `node <args>` (or another Node binary's); its wall time in ms and,
 * with `usage` (preloading usage.cjs), its peak RSS in kB and CPU time in ms.
 * `before` runs untimed.
 */
export function run(args, { env, usage = false, node = process.execPath, before } = {}) {
  const full = usage ? ['-r', join(here, 'usage.cjs'), ...args] : args;
  before?.();
  const t = process.hrtime.bigint();
  const r = spawnSync(node, full, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const stderr = String(r.stderr);
  if (r.status !== 0) throw new Error(`${node} ${full.join(' ')} failed: ${stderr}`);
  const kb = /bench-maxrss-kb=(\d+)/.exec(stderr)?.[1];
  const cpuUs = /bench-cpu-us=(\d+)/.exec(stderr)?.[1];
  return {
    ms,
    kb: kb === undefined ? undefined : Number(kb),
    cpu: cpuUs === undefined ? undefined : Number(cpuUs) / 1000,
  };
}

function median(xs) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Interleaves `count` runs of every subject after `warm` warm-up rounds;
 * medians of each: wall ms, and kB and CPU ms when the runs report them.
 */
export function measure(subjects, count, warm) {
  const samples = Object.fromEntries(
    Object.keys(subjects).map((k) => [k, { ms: [], kb: [], cpu: [] }]),
  );
  for (let i = 0; i < warm; i++) for (const go of Object.values(subjects)) go();
  for (let i = 0; i < count; i++)
    for (const [name, go] of Object.entries(subjects)) {
      const { ms, kb, cpu } = go();
      samples[name].ms.push(ms);
      if (kb !== undefined) samples[name].kb.push(kb);
      if (cpu !== undefined) samples[name].cpu.push(cpu);
    }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [
      k,
      { ms: median(v.ms), kb: median(v.kb), cpu: median(v.cpu) },
    ]),
  );
}

export const verdict = (ratio, target) =>
  `${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? 'met' : 'NOT met'})`;

/** The machine's load average, printed beside each section: ratios swing with it. */
export const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
