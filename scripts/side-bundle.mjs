// The libraries a fast bundle needs only when a cache misses, kept out of it.
// yaml and markdown-it read a runbook, zod's classic API checks a config, and
// handlebars' compiler compiles a team's own template, only when the runbook's
// or the config's parse is not cached already, or the template is not one of
// the bundled, precompiled ones (src/infra/runbooks, src/infra/config,
// src/infra/templates): at 2am, nearly never. Bundled, they
// were 390 of a status bundle's 620 KB, read and compiled on every start
// (some 4-8 ms of each everyday command). In the fast bundles, src/'s imports
// of them are stand-ins of the same names that require dist/side-libraries.cjs,
// one bundle of them all, on first use; the full CLI bundles them as before.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each library kept aside, by the name src/ imports it as. */
const SIDE = ['yaml', 'markdown-it', 'zod', 'handlebars'];
export const SIDE_FILE = 'side-libraries.cjs';

/**
 * The names src/ imports from `pkg`, read from its import lines: `default` for
 * a default import, and for an import() (whose result src/ reads as `.default`).
 */
function namesImported(pkg, dir = 'src', names = new Set()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) namesImported(pkg, path, names);
    else if (entry.name.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8');
      if (text.includes(`import('${pkg}')`)) names.add('default');
      const from = new RegExp(`^import (?!type )(.+?) from '${pkg}';$`, 'gms');
      for (const [, clause] of text.matchAll(from)) {
        if (!/^(\w+|\{[^}]*\})$/.test(clause.trim()))
          throw new Error(`build: ${path} imports ${pkg} in a way side-bundle.mjs does not know`);
        if (!clause.startsWith('{')) names.add('default');
        else
          for (const part of clause.slice(1, -1).split(','))
            if (part.trim() && !part.trim().startsWith('type ')) names.add(part.trim());
      }
    }
  }
  return names;
}

const keyOf = (pkg) => pkg.replace(/\W/g, '_');

/**
 * A stand-in for `pkg`: each name a function (called or constructed) or an
 * object (its properties read) that passes to the real one in side-libraries.cjs.
 */
function standIn(pkg, names, values) {
  const lines = [
    'let side;',
    `const real = () => (side ??= require(${JSON.stringify(`./${SIDE_FILE}`)}))[${JSON.stringify(keyOf(pkg))}];`,
  ];
  for (const name of names) {
    const local = `side_${name}`;
    const get = `real()[${JSON.stringify(name)}]`;
    const kind = typeof values[name];
    if (kind === 'function')
      lines.push(
        `function ${local}(...args) { const f = ${get}; return new.target ? new f(...args) : f.apply(this, args); }`,
      );
    else if (kind === 'object')
      lines.push(`const ${local} = new Proxy({}, { get: (_, key) => ${get}[key] });`);
    else
      throw new Error(
        `build: ${pkg}'s ${name} is a ${kind}: side-bundle.mjs passes on functions and objects`,
      );
    lines.push(`export { ${local} as ${name} };`);
  }
  return lines.join('\n');
}

const plans = await Promise.all(
  SIDE.map(async (pkg) => ({
    pkg,
    names: [...namesImported(pkg)].sort(),
    values: await import(pkg),
  })),
);

/** esbuild plugin for the fast bundles: the side libraries as stand-ins, side-libraries.cjs left outside. */
export const sideLibraries = {
  name: 'side-libraries',
  setup(b) {
    const filter = new RegExp(`^(${SIDE.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.importer.includes('/node_modules/') ? undefined : { path: args.path, namespace: 'side' },
    );
    b.onResolve({ filter: new RegExp(`^\\./${SIDE_FILE.replace('.', '\\.')}$`) }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /.*/, namespace: 'side' }, (args) => {
      const plan = plans.find((p) => p.pkg === args.path);
      return { contents: standIn(plan.pkg, plan.names, plan.values), loader: 'js' };
    });
  },
};

/** The entry of side-libraries.cjs: each library's names src/ imports, under its key. */
export function sideEntry() {
  return plans
    .map(({ pkg, names }) => {
      const key = keyOf(pkg);
      const imports = names.map((name) => `${name} as ${key}_${name}`).join(', ');
      const fields = names.map((name) => `${name}: ${key}_${name}`).join(', ');
      return `import { ${imports} } from '${pkg}';\nexport const ${key} = { ${fields} };`;
    })
    .join('\n');
}
