// The other Node versions responders run, for the note's startup on each.
// BENCH_NODES lists Node binaries (comma-separated; `none` for none); without
// it, Node 22 and 24 are installed from the npm registry (the `node` package)
// into a folder under the system's temporary directory, once, and reused.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAJORS = [22, 24];

function installed(major) {
  const prefix = join(tmpdir(), `oncall-bench-node-${major}`);
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin)) {
    try {
      // The `node` package's preinstall fetches its platform's binary: allowed by
      // name, as npm 12 runs no install script that allowScripts does not list.
      mkdirSync(prefix, { recursive: true });
      writeFileSync(
        join(prefix, 'package.json'),
        '{ "private": true, "allowScripts": { "node": true } }\n',
      );
      execFileSync(
        'npm',
        ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node@${major}`],
        { stdio: 'ignore' },
      );
    } catch {
      return undefined;
    }
  }
  return existsSync(bin) ? bin : undefined;
}

/** Node binaries other than the one running the bench: [{ version, bin }]. */
export function otherNodes() {
  const listed = process.env.BENCH_NODES;
  if (listed === 'none') return [];
  const bins = listed ? listed.split(',').filter(Boolean) : MAJORS.map(installed);
  return bins
    .filter((bin) => bin !== undefined)
    .map((bin) => ({ bin, version: execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim() }))
    .filter(({ version }) => version !== process.version);
}

/**
 * What V8 in `node` makes of the note bundle's code cache for it: the build's
 * (made by the bench's Node), or one an earlier run on that Node kept
 * (src/main.ts keeps one per V8 version).
 */
export function noteCacheOn(node, dist) {
  const probe = `
    const { Script } = require('node:vm'); const { wrap } = require('node:module');
    const fs = require('node:fs'); const file = ${JSON.stringify(join(dist, 'fast-note.cjs'))};
    const cache = file + '.' + process.versions.v8 + '.cache';
    if (!fs.existsSync(cache)) process.stdout.write('none');
    else process.stdout.write(new Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData: fs.readFileSync(cache) }).cachedDataRejected ? 'refused' : 'taken');`;
  return spawnSync(node, ['-e', probe], { encoding: 'utf8' }).stdout;
}
