// zod/mini in the fast bundles, started on first use. A night's commands need
// no schema: the lines of a log read before are known good
// (src/infra/store/checked.ts), and a line or a new event as oncall writes it
// is checked against the schemas' Specs, kept as JSON
// (src/domain/incident/exact-specs.ts). Only a hand-edited line, or an event
// the Specs cannot vouch for, is zod's to judge. So `zod/mini`, as imported
// from src/, is bundled behind a stand-in of the same functions, each starting
// the real module on its first call; the schemas are built on first use too
// (event-parts.ts, events.ts). `config` is the one call made as a module
// starts (events.ts: jitless): it is kept and given to zod when zod starts,
// before any schema is built, as it was before.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const zodMini = await import('zod/mini');

/** The `z.<name>(` calls in src/'s files that import zod/mini as `z`: only those are bundled. */
function namesUsed(dir = 'src', names = new Set()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) namesUsed(path, names);
    else if (entry.name.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8');
      if (!/from 'zod\/mini'/.test(text)) continue;
      if (!text.includes("import * as z from 'zod/mini'"))
        throw new Error(`build: ${path} imports zod/mini other than as z (scripts/lazy-zod.mjs)`);
      for (const [, name] of text.matchAll(/\bz\.([a-z]\w*)\(/g)) names.add(name);
    }
  }
  return names;
}

const FUNCTIONS = [...namesUsed()].filter((name) => typeof zodMini[name] === 'function').sort();

function standIn() {
  const lines = [
    'let zod;',
    'let settings;',
    "const started = () => { if (!zod) { zod = require('zod-used'); if (settings) zod.config(settings); } return zod; };",
    'const config = (options) => { if (zod) return zod.config(options); settings = { ...settings, ...options }; };',
  ];
  const exported = ['config'];
  FUNCTIONS.filter((name) => name !== 'config').forEach((name, i) => {
    lines.push(`const f${i} = (...args) => started()[${JSON.stringify(name)}](...args);`);
    exported.push(`f${i} as ${name}`);
  });
  lines.push(`export { ${exported.join(', ')} };`);
  return lines.join('\n');
}

/** esbuild plugin for the fast bundles: src/'s zod/mini as the stand-in above. */
export const lazyZod = {
  name: 'lazy-zod',
  setup(b) {
    b.onResolve({ filter: /^zod\/mini$/ }, (args) => {
      if (args.pluginData === 'zod-itself' || args.importer.includes('/node_modules/')) return;
      // What the stand-in starts imports zod/mini as an import does (ESM: its CommonJS build loads every locale).
      if (args.pluginData === 'lazy-zod')
        return b.resolve(args.path, {
          kind: 'import-statement',
          resolveDir: args.resolveDir,
          pluginData: 'zod-itself',
        });
      return { path: 'zod/mini', namespace: 'lazy-zod' };
    });
    b.onResolve({ filter: /^zod-used$/ }, () => ({ path: 'zod-used', namespace: 'lazy-zod' }));
    // What the stand-in starts: the functions src/ calls, so the bundle keeps only those.
    b.onLoad({ filter: /^zod-used$/, namespace: 'lazy-zod' }, () => ({
      contents: `export { ${FUNCTIONS.join(', ')} } from 'zod/mini';`,
      resolveDir: process.cwd(),
      pluginData: 'lazy-zod',
      loader: 'js',
    }));
    b.onLoad({ filter: /^zod\/mini$/, namespace: 'lazy-zod' }, () => ({
      contents: standIn(),
      resolveDir: process.cwd(),
      pluginData: 'lazy-zod',
      loader: 'js',
    }));
  },
};
