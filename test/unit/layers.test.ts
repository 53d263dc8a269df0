// Imports only go down. Each folder of src/ is a layer (see README's
// architecture section); a module may import from its own folder and from the
// layers below, never from one above nor from a sibling on the same level, and
// no module may reach itself again through its imports (no circles). Type-only
// and lazy `import()` count as imports: a type that has to come from above is a
// seam in the wrong place.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

const SRC = join(ROOT, 'src');

/** Bottom first. A unit is a folder of src/ or a file at its top. */
const LAYERS: readonly (readonly string[])[] = [
  ['errors.ts', 'context.ts', 'version.ts'],
  ['text'],
  ['incident'],
  ['store'],
  ['ui'],
  ['config'],
  ['share'],
  ['services'],
  ['exec'],
  ['runbook'],
  ['render'],
  ['deliver'],
  ['texts'],
  ['walk'],
  ['commands'],
  ['cli.ts', 'fast-note.ts', 'main.ts'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

/** Relative imports of a file, as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) =>
    resolve(dirname(file), (m[2] as string).replace(/\.js$/, '.ts')),
  );
}

const unitOf = (file: string) => relative(SRC, file).split('/')[0] as string;
const rankOf = (unit: string) => LAYERS.findIndex((layer) => layer.includes(unit));

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the layers of src/', () => {
  it('place every folder and top-level file', () => {
    const unplaced = [...new Set(files.map(unitOf))].filter((u) => rankOf(u) < 0);
    expect(unplaced).toEqual([]);
  });

  it('import only downward (or within their own folder)', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        const from = unitOf(file);
        const to = unitOf(dep);
        if (from === to) continue;
        if (rankOf(to) >= rankOf(from)) {
          upward.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('have no import circles', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'open') {
          const loop = path.slice(path.indexOf(dep)).concat(dep);
          circles.push(loop.map((f) => relative(SRC, f)).join(' -> '));
        } else if (!state.has(dep)) visit(dep);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  it('resolve every relative import to a file that exists', () => {
    const missing = [...graph].flatMap(([file, deps]) =>
      deps.filter((d) => !graph.has(d)).map((d) => `${relative(SRC, file)} -> ${d}`),
    );
    expect(missing).toEqual([]);
  });
});
