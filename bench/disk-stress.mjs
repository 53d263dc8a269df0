// `node bench/disk-stress.mjs [N]`: the log under a disk that cuts writes short,
// with many writers at once. N plain notes race N notes whose process has a file
// size limit (`ulimit -f`) just ahead of the log's end, so the kernel cuts some
// of their writes short and they take their bytes back while others append.
// Checks: no plain note lost, no damaged line, every limited note either
// recorded (exit 0) or absent (exit 1). Too slow for the test suite (minutes on
// two cores); the unit tests in test/unit/store/append.test.ts pin each case.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'bin', 'oncall');
const n = Number(process.argv[2] ?? 250);
const dir = mkdtempSync(join(tmpdir(), 'oncall-stress-'));
const env = {
  ...process.env,
  ONCALL_HOME: join(dir, 'home'),
  XDG_CONFIG_HOME: join(dir, 'config'),
  ONCALL_ACTOR: 'stress@test',
  CI: 'true',
  NO_COLOR: '1',
};

/** `oncall …`, under a file size limit of `kib` KiB when given (arguments never as shell text). */
function oncall(args, kib) {
  const [cmd, argv] =
    kib === undefined
      ? [process.execPath, [bin, ...args]]
      : [
          'bash',
          [
            '-c',
            'ulimit -f "$1"; shift; exec "$@"',
            'bash',
            String(kib),
            process.execPath,
            bin,
            ...args,
          ],
        ];
  return new Promise((done) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => done({ code, stderr }));
  });
}

const opened = spawnSync(
  process.execPath,
  [bin, 'start', '--title', 'stress', '--sev', 'SEV3', '--no-input', '--runbook', 'none'],
  { env },
);
if (opened.status !== 0) throw new Error(String(opened.stderr));
const incidents = join(dir, 'home', 'incidents');
const file = join(incidents, readdirSync(incidents)[0], 'events.jsonl');

const jobs = [];
for (let i = 0; i < n; i++) {
  jobs.push({ text: `plain ${i}` });
  jobs.push({ text: `limited ${i} ${'l'.repeat(300)}`, limited: true });
}
jobs.sort(() => Math.random() - 0.5);
let next = 0;
await Promise.all(
  Array.from({ length: 24 }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      // A limit a few KiB past the end: by the time it writes, the end may straddle it.
      if (job.limited)
        job.kib = Math.floor(statSync(file).size / 1024) + 2 + Math.floor(Math.random() * 4);
      job.result = await oncall(['note', job.text], job.kib);
    }
  }),
);

const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
const texts = new Set();
let damaged = 0;
let blank = 0;
for (const line of lines) {
  if (line.trim() === '') blank++;
  else {
    try {
      texts.add(JSON.parse(line).text);
    } catch {
      damaged++;
    }
  }
}
const plain = jobs.filter((j) => !j.limited);
const limited = jobs.filter((j) => j.limited);
const report = {
  plainLost: plain.filter((j) => j.result.code !== 0 || !texts.has(j.text)).length,
  damagedLines: damaged,
  limitedRecorded: limited.filter((j) => j.result.code === 0).length,
  limitedRefused: limited.filter((j) => j.result.code !== 0).length,
  limitedCutShortAndTakenBack: limited.filter((j) => /cut short/.test(j.result.stderr)).length,
  blankedLines: blank,
  limitedWrong: limited.filter((j) => (j.result.code === 0) !== texts.has(j.text)).length,
};
console.log(report);
process.exitCode = report.plainLost || report.damagedLines || report.limitedWrong ? 1 : 0;
