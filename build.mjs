// Bundles src/ into dist/ with esbuild. Why a bundler and not plain tsc output:
// `oncall note` must start nearly as fast as `node -e 0`, and resolving
// hundreds of small ESM files (commander, zod) costs more than the note itself.
// dist/ is not wiped first: tests running in parallel may be spawning the CLI.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
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
// imports stay lazy. Hot-path libraries are bundled, and the runbook's readers
// (yaml, markdown-it: ~80 small files to resolve on every `oncall status` of a
// walked incident); the rest load from node_modules when a command needs them.
const full = await build({
  ...common,
  metafile: true,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: true,
  external: [
    '@inquirer/prompts',
    'chalk',
    'cosmiconfig',
    'execa',
    'handlebars',
    'ora',
    'web-tree-sitter',
  ],
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
