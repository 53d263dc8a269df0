// `npm ci` must work on a machine without a C toolchain (a fresh laptop, CI):
// no dependency may build native code when it is installed. A package with an
// install script is named here only when that script builds and downloads
// nothing (esbuild's checks that its prebuilt platform package is there).
// Native code comes prebuilt inside a registry package (@lydell/node-pty's
// per-platform packages), never compiled by node-gyp.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

interface Locked {
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
}

const lock: { packages: Record<string, Locked> } = JSON.parse(
  readFileSync(join(ROOT, 'package-lock.json'), 'utf8'),
);

describe('installing', () => {
  it('runs no install script but esbuild’s, so npm ci needs no compiler', () => {
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path);
    expect(scripted).toEqual(['node_modules/esbuild']);
  });

  it('takes node-pty from the prebuilt package, with a Linux x64 binary inside', () => {
    expect(lock.packages['node_modules/node-pty']).toBeUndefined();
    expect(lock.packages['node_modules/@lydell/node-pty']).toBeDefined();
    expect(lock.packages['node_modules/@lydell/node-pty-linux-x64']?.hasInstallScript).toBeFalsy();
  });
});
