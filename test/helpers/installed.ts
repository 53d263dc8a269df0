// A copy of the built package in a folder of its own, as npm would install it,
// for tests that must change a built file (leave one out, put in a code cache
// from another Node) without touching the dist/ other tests are running.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** The copy's root; its bin is `bin/oncall`. `without`: files of dist/ to leave out. */
export function installedCopy(without: readonly string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'oncall-installed-'));
  for (const part of ['bin', 'templates', 'examples', 'package.json'])
    cpSync(join(ROOT, part), join(root, part), { recursive: true });
  mkdirSync(join(root, 'dist'));
  for (const name of readdirSync(join(ROOT, 'dist')))
    if (!without.includes(name) && !name.endsWith('.map'))
      cpSync(join(ROOT, 'dist', name), join(root, 'dist', name), {
        preserveTimestamps: true,
        recursive: true,
      });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}
