// Bundles src/ into dist/ with esbuild. Why a bundler and not plain tsc output:
// `oncall note` must start nearly as fast as `node -e 0`, and resolving
// hundreds of small ESM files (commander, zod) costs more than the note itself.
// dist/ is not wiped first: tests running in parallel may be spawning the CLI.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * zod re-exports every one of its ~40 message locales as a namespace (`z.locales`),
 * which the bundle cannot shake off: 260 KB that every reading command would
 * parse on start. oncall uses none of them (the classic API loads English from
 * its own file, en.js, not from this index), so the index is an empty module.
 */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: 'zod-locales', namespace: 'no-zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};' }));
  },
};

const common = {
  plugins: [noZodLocales],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // ONCALL_NO_MINIFY=1 keeps names, for reading a --cpu-prof.
  minify: process.env.ONCALL_NO_MINIFY !== '1',
  logLevel: 'warning',
  // commander is CommonJS; its bundled require() calls need a real require.
  banner: {
    js: "import { createRequire as __oncallRequire } from 'node:module'; const require = __oncallRequire(import.meta.url);",
  },
};

// The full CLI. Code splitting keeps every command in its own chunk, so lazy
// imports stay lazy. Hot-path libraries are bundled, and the libraries of many
// small files (yaml and markdown-it, ~80 files, read runbooks; handlebars and
// source-map, ~45, render every text): resolving and loading each file costs
// more than the code; the rest load from node_modules when a command needs them.
const full = await build({
  ...common,
  metafile: true,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: true,
  external: ['@inquirer/prompts', 'chalk', 'cosmiconfig', 'execa', 'ora', 'web-tree-sitter'],
});

// The entry the bin loads, and the note fast path: standalone CommonJS
// bundles. CommonJS because Node's ESM loader costs a few milliseconds to
// start that `oncall note` cannot spare; standalone so the note path shares no
// chunk with code that pulls in all of zod or commander.
const fast = await build({
  ...common,
  metafile: true,
  banner: {},
  entryPoints: ['src/main.ts', 'src/fast-note.ts'],
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  splitting: false,
  external: ['./cli.js', './fast-note.cjs'],
});

// What each bundle contains and imports: test/e2e/build/hot-path.test.ts reads it to
// prove `oncall note` and `oncall --help` load no prompt, spinner or template code.
writeFileSync(
  'dist/meta.json',
  JSON.stringify({ outputs: { ...full.metafile.outputs, ...fast.metafile.outputs } }),
);
