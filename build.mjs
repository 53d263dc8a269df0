// Bundles src/ into dist/ with esbuild. Why a bundler and not plain tsc output:
// `oncall note` must start nearly as fast as `node -e 0`, and resolving
// hundreds of small ESM files (commander, zod) costs more than the note itself.
// dist/ is not wiped first: tests running in parallel may be spawning the CLI.
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import Handlebars from 'handlebars';

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

/**
 * node:tty, in the note bundle, loaded on first use: it pulls in streams and
 * sockets, and a note asks whether a terminal is there only on rare paths.
 */
const lazyTty = {
  name: 'lazy-tty',
  setup(b) {
    b.onResolve({ filter: /^node:tty$/ }, (args) =>
      args.namespace === 'lazy-tty'
        ? { path: 'node:tty', external: true }
        : { path: 'tty', namespace: 'lazy-tty' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-tty' }, () => ({
      contents: "let tty; export const isatty = (fd) => (tty ??= require('node:tty')).isatty(fd);",
      loader: 'js',
    }));
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
  plugins: [...common.plugins, lazyTty],
  external: ['./cli.js'],
});

// V8's code cache for the note bundle, made by a real note (so it holds the
// functions a note compiles, not only the top level): src/main.ts compiles
// from it when it is newer than the bundle. Only a speed-up: without it (or
// when V8 refuses it: another Node) the bundle compiles as usual.
function noteCodeCache() {
  const bundle = realpathSync('dist/fast-note.cjs');
  rmSync(`${bundle}.cache`, { force: true });
  const dir = mkdtempSync(join(tmpdir(), 'oncall-build-'));
  const env = {
    ...process.env,
    ONCALL_HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    CI: 'true',
  };
  const oncall = (args, extra = {}) =>
    spawnSync(process.execPath, [realpathSync('bin/oncall'), ...args], {
      cwd: dir,
      env: { ...env, ...extra },
      encoding: 'utf8',
    });
  try {
    const start = ['start', '--title', 'code cache', '--sev', 'SEV4', '--service', 'build'];
    const steps = [
      oncall([...start, '--impact', '', '--started-at', '', '--no-walk']),
      oncall(['note', 'warming the code cache'], { ONCALL_WRITE_CODE_CACHE: bundle }),
    ];
    const failed = steps.find((r) => r.status !== 0);
    if (failed) console.warn(`build: no code cache for the note (${failed.stderr.trim()})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What each bundle contains and imports: test/e2e/build/hot-path.test.ts reads it to
// prove `oncall note` and `oncall --help` load no prompt, spinner or template code.
writeFileSync(
  'dist/meta.json',
  JSON.stringify({ outputs: { ...full.metafile.outputs, ...fast.metafile.outputs } }),
);

// The bundled templates, compiled now rather than on every update, escalation,
// handoff and postmortem (10-55 ms each, and the compiler's load). Each entry
// keeps the source and options it was compiled from: src/infra/templates/templates.ts
// uses an entry only when both are exactly what it would compile (a team's
// own template, or options changed since, compile as before). The options
// must be src/infra/templates/templates.ts's TEMPLATE_OPTIONS, in the same key order.
const TEMPLATE_OPTIONS = {
  noEscape: true,
  strict: false,
  knownHelpers: Object.fromEntries(
    ['fmtTime', 'fmtDateTime', 'fmtUtc', 'fmtUtcDateTime', 'fmtDuration'].map((name) => [
      name,
      true,
    ]),
  ),
  knownHelpersOnly: true,
};
const precompiled = readdirSync('templates')
  .filter((name) => name.endsWith('.hbs'))
  .sort()
  .map((name) => {
    const source = readFileSync(`templates/${name}`, 'utf8');
    // A copy: handlebars writes its own defaults into the options it is given.
    const options = JSON.stringify(TEMPLATE_OPTIONS);
    const spec = Handlebars.precompile(source, JSON.parse(options));
    return `  { options: ${JSON.stringify(options)}, source: ${JSON.stringify(source)}, spec: ${spec} },`;
  });
writeFileSync(
  'dist/templates.precompiled.cjs',
  `// Generated by build.mjs from templates/: see there.\nmodule.exports = [\n${precompiled.join('\n')}\n];\n`,
);
rmSync('dist/templates.precompiled.js', { force: true });

// Last: it runs the CLI just built.
noteCodeCache();
