// Imports only go down. src/ is five layers, each a folder of feature folders
// (see README's architecture section): domain <- infra <- use-cases <- terminal
// <- commands, with the kernel files (errors, context, version) beneath them
// all, then what runs around every command (hooks), and the wiring on top
// (cli, main, and the fast paths: fast-note and fast/). A module may import from
// its own layer and the layers below, never from one above; inside a layer the
// features import each other without a circle; a command's folder imports no
// other command's (what two commands share lives in commands/shared/); the
// domain touches no disk, process, network or terminal; and no module reaches
// itself again through its imports. Type-only and lazy `import()` count as
// imports: a type that has to come from above is a seam in the wrong place.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

const SRC = join(ROOT, 'src');

/** Bottom first. A unit is a folder of src/ (a layer) or a file at its top. */
const LAYERS: readonly (readonly string[])[] = [
  ['errors.ts', 'context.ts', 'version.ts'],
  ['domain'],
  ['infra'],
  ['use-cases'],
  ['terminal'],
  ['commands'],
  ['hooks.ts'],
  ['cli.ts', 'fast', 'fast-note.ts', 'main.ts'],
];

/** Folders of commands/ that every command may use. */
const COMMANDS_SHARED = new Set(['definition', 'shared']);

/** What the domain may not import: it is computed, never does I/O. */
const IMPURE = /^node:(fs|child_process|net|http|https|tty|readline|worker_threads|dgram)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g;

/** Imports of a file: relative ones as absolute .ts paths, the rest as written. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const specs = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[2] as string);
  return {
    local: specs
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))),
    packages: specs.filter((s) => !s.startsWith('.')),
  };
}

const pathOf = (file: string) => relative(SRC, file).split('/');
const unitOf = (file: string) => pathOf(file)[0] as string;
/** The layer's feature folder a file is in (`domain/incident`), or its unit at the top. */
const featureOf = (file: string) => {
  const parts = pathOf(file);
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
};
const rankOf = (unit: string) => LAYERS.findIndex((layer) => layer.includes(unit));

const files = sourceFiles(SRC);
const imports = new Map(files.map((f) => [f, importsOf(f)]));
const graph = new Map(files.map((f) => [f, imports.get(f)?.local ?? []]));

/** Every circle of a graph, each as the path that closes it. */
function circlesOf(g: Map<string, readonly string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    path.push(node);
    for (const dep of g.get(node) ?? []) {
      if (state.get(dep) === 'open') circles.push(path.slice(path.indexOf(dep)).concat(dep));
      else if (!state.has(dep)) visit(dep);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of g.keys()) if (!state.has(node)) visit(node);
  return circles;
}

describe('the layers of src/', () => {
  it('place every folder and top-level file', () => {
    const unplaced = [...new Set(files.map(unitOf))].filter((u) => rankOf(u) < 0);
    expect(unplaced).toEqual([]);
  });

  it('import only downward (or within their own layer)', () => {
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

  it('keep the features of a layer free of circles', () => {
    const features = new Map<string, Set<string>>();
    for (const [file, deps] of graph) {
      const from = featureOf(file);
      const edges = features.get(from) ?? new Set<string>();
      for (const dep of deps) {
        const to = featureOf(dep);
        if (to !== from && unitOf(dep) === unitOf(file)) edges.add(to);
      }
      features.set(from, edges);
    }
    const g = new Map([...features].map(([k, v]) => [k, [...v]]));
    expect(circlesOf(g).map((c) => c.join(' -> '))).toEqual([]);
  });

  it("keep each command's folder to itself (shared code lives in commands/shared/)", () => {
    const across: string[] = [];
    for (const [file, deps] of graph) {
      if (unitOf(file) !== 'commands') continue;
      for (const dep of deps) {
        if (unitOf(dep) !== 'commands' || featureOf(dep) === featureOf(file)) continue;
        const to = pathOf(dep)[1] as string;
        const from = pathOf(file)[1] as string;
        if (COMMANDS_SHARED.has(to) && !COMMANDS_SHARED.has(from)) continue;
        if (COMMANDS_SHARED.has(to) && COMMANDS_SHARED.has(from)) continue;
        across.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`);
      }
    }
    expect(across).toEqual([]);
  });

  it('keep the domain pure: no disk, process, network or terminal', () => {
    const impure = files
      .filter((f) => unitOf(f) === 'domain')
      .flatMap((f) =>
        (imports.get(f)?.packages ?? [])
          .filter((p) => IMPURE.test(p))
          .map((p) => `${relative(SRC, f)} -> ${p}`),
      );
    expect(impure).toEqual([]);
  });

  it('have no import circles', () => {
    const circles = circlesOf(graph).map((c) => c.map((f) => relative(SRC, f)).join(' -> '));
    expect(circles).toEqual([]);
  });

  it('resolve every relative import to a file that exists', () => {
    const missing = [...graph].flatMap(([file, deps]) =>
      deps.filter((d) => !graph.has(d)).map((d) => `${relative(SRC, file)} -> ${d}`),
    );
    expect(missing).toEqual([]);
  });
});
