// Bundles src/ into dist/ with esbuild. Why a bundler and not plain tsc output:
// `oncall note` must start nearly as fast as `node -e 0`, and resolving
// hundreds of small ESM files (commander, zod) costs more than the note itself.
// dist/ is not wiped first: tests running in parallel may be spawning the CLI.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { crc32 } from 'node:zlib';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { writeIncident } from './bench/incident.mjs';
import { builtinAsModule, escapeKnownRegexes, mustBeAscii } from './scripts/bundle-shape.mjs';
import { lazyZod } from './scripts/lazy-zod.mjs';
import { SIDE_FILE, sideEntry, sideLibraries } from './scripts/side-bundle.mjs';

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

/**
 * string-width compiles Unicode property regexes and an Intl.Segmenter as its
 * module starts (some 20 ms), wrap-ansi regexes of its own (some 8): paid by
 * every screen that imports the wrapping code (bare `oncall`, the walk) even
 * when nothing is measured (the output is not a terminal). Each is bundled
 * behind a stand-in (both export one function) that starts it on the first
 * call; string-width's measures plain text first, which is nearly all text
 * (src/domain/text/plain-width.ts), so wrap-ansi's measures rarely start it.
 */
const LAZY_START = ['string-width', 'wrap-ansi'];
const PLAIN_WIDTH = realpathSync('src/domain/text/plain-width.ts');
const lazyStart = {
  name: 'lazy-start',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_START.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.pluginData === 'lazy-start'
        ? undefined
        : { path: args.path, namespace: 'lazy-start', pluginData: args.resolveDir },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-start' }, (args) => {
      const start = `(started ??= require(${JSON.stringify(args.path)}).default)`;
      const contents =
        args.path === 'string-width'
          ? `import { measured } from ${JSON.stringify(PLAIN_WIDTH)};\nlet started;\nexport default (text, options) => measured(text, options, () => ${start});`
          : `let started;\nexport default (...args) => ${start}(...args);`;
      return { contents, resolveDir: args.pluginData, pluginData: 'lazy-start', loader: 'js' };
    });
  },
};

/**
 * wrap-ansi builds an Intl.Segmenter as its module starts (~10 ms of ICU), yet
 * uses it only for text that is not printable ASCII: the phone form of every
 * escalation measures its rows with wrap-ansi and paid it. Built on first use
 * here; the build fails if the line is no longer there (an upgrade changed it).
 */
const WRAP_ANSI_SEGMENTER = 'const segmenter = new Intl.Segmenter();';
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /\/node_modules\/wrap-ansi\/index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(WRAP_ANSI_SEGMENTER))
        throw new Error(`build: ${args.path} no longer has "${WRAP_ANSI_SEGMENTER}"`);
      const lazy =
        'let startedSegmenter; const segmenter = { segment: (text) => (startedSegmenter ??= new Intl.Segmenter()).segment(text) };';
      return { contents: source.replace(WRAP_ANSI_SEGMENTER, lazy), loader: 'js' };
    });
  },
};

const common = {
  plugins: [noZodLocales, lazyStart, lazySegmenter],
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
  // node-pty loads its prebuilt native binding from its own folder.
  external: [
    '@inquirer/prompts',
    '@lydell/node-pty',
    'chalk',
    'cosmiconfig',
    'execa',
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
  plugins: [...common.plugins, lazyTty, lazyZod],
  external: ['./cli.js'],
});

/**
 * In the everyday commands' bundles (below), Node's modules and the CommonJS
 * packages left outside are plain require()s: a bundle runs as a script.
 * The packages are left outside because they import() files themselves
 * (cosmiconfig a team's config.mjs, web-tree-sitter its grammar's loader),
 * which works only in code Node compiled, not in code from our cache.
 */
const REQUIRED_PACKAGES = ['cosmiconfig', 'web-tree-sitter', '@inquirer/prompts'];
const required = {
  name: 'required',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'required') return { path: args.path, external: true };
      const builtin = args.path.startsWith('node:') || builtinModules.includes(args.path);
      if (!builtin && !REQUIRED_PACKAGES.includes(args.path)) return undefined;
      const path = builtin && !args.path.startsWith('node:') ? `node:${args.path}` : args.path;
      return { path, namespace: 'required' };
    });
    b.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
      contents: args.path.startsWith('node:')
        ? builtinAsModule(args.path)
        : `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * `export { main }`, the one export of an ESM bundle, as `module.exports = { main }`.
 * Refused if the bundle still imports anything (a script cannot): by the
 * metafile, so a word in a comment or a string is not taken for one.
 */
function asScript(file, text, meta) {
  const imports = meta.imports.filter((i) => i.kind !== 'require-call');
  if (imports.length)
    throw new Error(`build: ${file} imports ${imports.map((i) => i.path).join(', ')}`);
  const exports = [...text.matchAll(/\bexport\s*\{([^}]*)\};?/g)];
  const last = exports.at(-1);
  const rest = last && text.slice(last.index + last[0].length);
  if (!last || !/^\s*(\/\*[\s\S]*?\*\/\s*)*(\/\/# sourceMappingURL=\S+\s*)?$/.test(rest))
    throw new Error(`build: ${file} does not end in its export`);
  const names = last[1].split(',').map((n) => n.trim().split(/\s+as\s+/));
  const object = names.map(([local, name]) => `${name ?? local}: ${local}`).join(', ');
  return `${text.slice(0, last.index)}module.exports = { ${object} };${rest}`;
}

// The everyday commands, each a bundle of its own (src/fast/: what runs them,
// and why). Built as ESM, because the shell parser awaits its WebAssembly at
// the top of its module, which esbuild's CommonJS output refuses; ESM output
// keeps that module's start lazy and async. Then turned into a script (Node's
// modules and the packages left outside required, import.meta.url from the
// file's path, the export made module.exports), so src/main.ts runs it from
// V8's code cache as it does the note. A script's import() would fail there
// silently: none is left (dynamic imports become lazy parts of the bundle).
const hot = await build({
  ...common,
  banner: {
    js: "const __oncallImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  define: { 'import.meta.url': '__oncallImportMetaUrl' },
  metafile: true,
  write: false,
  entryPoints: readdirSync('src/fast')
    .filter((name) => name !== 'command.ts')
    .map((name) => ({ in: `src/fast/${name}`, out: `fast-${basename(name, '.ts')}` })),
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  splitting: false,
  supported: { 'dynamic-import': false },
  plugins: [...common.plugins, required, sideLibraries, lazyZod],
});
for (const { path, text: built } of hot.outputFiles) {
  const meta = hot.metafile.outputs[relative(process.cwd(), path)];
  // A build for reading profiles keeps comments, which may say → or —.
  const ascii = path.endsWith('.cjs') && common.minify;
  const text = ascii ? mustBeAscii(path, escapeKnownRegexes(built)) : built;
  writeFileSync(path, meta && path.endsWith('.cjs') ? asScript(path, text, meta) : text);
}

// What the fast bundles need only when a runbook's or a config's parse is not
// cached (scripts/side-bundle.mjs): required from them on first use.
const side = await build({
  ...common,
  banner: {},
  metafile: true,
  stdin: { contents: sideEntry(), resolveDir: process.cwd(), loader: 'js' },
  outfile: `dist/${SIDE_FILE}`,
  format: 'cjs',
  sourcemap: false,
});

// dist/ holds only what this build wrote: chunks are named by a hash of their
// content, so each build of a changed source left the last one's beside them,
// loaded by nothing yet packed and copied with the rest (a day of builds
// here: 7,600 files, 159 MB). The code caches and templates are made below.
const written = new Set(
  [full, fast, hot, side].flatMap((b) => Object.keys(b.metafile.outputs).map((p) => basename(p))),
);
for (const name of readdirSync('dist'))
  if (/\.c?js(\.map)?$/.test(name) && !written.has(name)) rmSync(`dist/${name}`);

/** What each fast bundle runs to make its code cache (below): the command as typed at 2am. */
const WARM_UP = {
  'fast-note.cjs': ['note', 'warming the code cache'],
  'fast-home.cjs': [],
  'fast-status.cjs': ['status'],
  'fast-timeline.cjs': ['timeline'],
  'fast-update.cjs': ['update', '--no-post', 'warming the code cache'],
  'fast-escalate.cjs': ['escalate', '--to', 'dana', '--ask', 'a look', '--no-send'],
  'fast-handoff.cjs': ['handoff', '--to', 'erin', '--note', 'warming up', '--no-send'],
  'fast-postmortem.cjs': ['postmortem', '--force'],
  'fast-export.cjs': ['export', '--json'],
};

const WARM_UP_CONFIG = `contacts:
  dana: { name: Dana Okafor, phone: "+1 555 0100", reach: page }
  erin: { name: Erin Vale, chat: "@erin" }
`;

// V8's code cache for each fast bundle, made by a real run of its command on
// an incident of every kind of event (so it holds the functions the command
// compiles, not only the top level): src/main.ts compiles from it when it is
// newer than the bundle. Only a speed-up: on another Node (another V8) the
// bundle compiles as usual, and its first run keeps a cache for that Node.
function codeCaches() {
  const bundles = readdirSync('dist').filter((name) => /^fast-.*\.cjs$/.test(name));
  const missing = bundles.filter((name) => !WARM_UP[name]);
  if (missing.length) throw new Error(`build: no warm-up run for ${missing.join(', ')}`);
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
    writeIncident(env.ONCALL_HOME, 'warm-up', 300, 'examples/runbooks/api-latency.md');
    writeFileSync(join(env.ONCALL_HOME, 'active'), 'warm-up');
    mkdirSync(join(env.XDG_CONFIG_HOME, 'oncall'), { recursive: true });
    writeFileSync(join(env.XDG_CONFIG_HOME, 'oncall', 'config.yaml'), WARM_UP_CONFIG);
    oncall(['status']); // parses the runbook once: later runs read its parse, as at 2am
    for (const name of bundles) {
      const bundle = realpathSync(`dist/${name}`);
      // Every Node's caches of the bundle this build replaces (src/main.ts keeps one per V8).
      for (const old of readdirSync('dist').filter(
        (n) => n.startsWith(`${name}.`) && n.endsWith('.cache'),
      ))
        rmSync(`dist/${old}`, { force: true });
      const r = oncall(WARM_UP[name], { ONCALL_WRITE_CODE_CACHE: bundle });
      if (r.status !== 0) console.warn(`build: no code cache for ${name} (${r.stderr.trim()})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What each bundle contains and imports: test/e2e/build/hot-path.test.ts reads it to
// prove `oncall note` and `oncall --help` load no prompt, spinner or template code.
writeFileSync(
  'dist/meta.json',
  JSON.stringify({
    outputs: { ...full.metafile.outputs, ...fast.metafile.outputs, ...hot.metafile.outputs },
  }),
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
// One file a template, named by its source's CRC-32 and length (templates.ts
// precompiledKey): a command loads only its own template's (an update's, not
// the postmortem's too: ~1.3 ms of each command's start went on compiling all four).
rmSync('dist/precompiled', { recursive: true, force: true });
mkdirSync('dist/precompiled');
for (const name of readdirSync('templates').filter((n) => n.endsWith('.hbs'))) {
  const source = readFileSync(`templates/${name}`, 'utf8');
  // A copy: handlebars writes its own defaults into the options it is given.
  const options = JSON.stringify(TEMPLATE_OPTIONS);
  const spec = Handlebars.precompile(source, JSON.parse(options));
  const key = `${crc32(source).toString(16).padStart(8, '0')}-${source.length}`;
  writeFileSync(
    `dist/precompiled/${key}.cjs`,
    `// Generated by build.mjs from templates/${name}: see there.\nmodule.exports = { options: ${JSON.stringify(options)}, source: ${JSON.stringify(source)}, spec: ${spec} };\n`,
  );
}
rmSync('dist/templates.precompiled.cjs', { force: true });
rmSync('dist/templates.precompiled.js', { force: true });

// Last: it runs the CLI just built.
codeCaches();
