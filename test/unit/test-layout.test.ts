// Vitest runs only the test files of its three projects: a test file written
// anywhere else under test/ (an old path, a merge) would silently never run.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

const PROJECTS = ['test/unit/', 'test/integration/', 'test/e2e/'];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('test layout', () => {
  it('every test file is in the unit, integration or e2e project', () => {
    const files = testFiles(join(ROOT, 'test'));
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => !PROJECTS.some((p) => f.startsWith(p)))).toEqual([]);
  });
});
