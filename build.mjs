// Bundles src/ into dist/ with esbuild. Why a bundler and not plain tsc output:
// `oncall note` must start nearly as fast as `node -e 0`, and resolving
// hundreds of small ESM files (commander, zod) costs more than the note itself.
// Code splitting keeps every command in its own chunk, so lazy imports stay lazy.
// dist/ is not wiped first: tests running in parallel may be spawning the CLI.

import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // commander is CommonJS; its bundled require() calls need a real require.
  banner: {
    js: "import { createRequire as __oncallRequire } from 'node:module'; const require = __oncallRequire(import.meta.url);",
  },
  // Only the hot-path libraries are bundled; the rest load from node_modules
  // when (and only when) a command needs them.
  external: [
    '@inquirer/prompts',
    'chalk',
    'cosmiconfig',
    'execa',
    'handlebars',
    'markdown-it',
    'ora',
    'yaml',
  ],
});
