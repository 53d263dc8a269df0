// `oncall note` and `oncall --help` must load no prompt, spinner or template
// code: proven on the built bundles' import graph (esbuild's metafile), which
// is exactly what Node loads before a command's lazy import runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/paths.js';

interface Output {
  imports: { path: string; kind: string; external?: boolean }[];
  inputs: Record<string, unknown>;
}
const meta: { outputs: Record<string, Output> } = JSON.parse(
  readFileSync(join(ROOT, 'dist', 'meta.json'), 'utf8'),
);

/** Everything loaded up front from an output: static imports, transitively. */
function staticClosure(entry: string): { files: string[]; inputs: string[]; externals: string[] } {
  const files = new Set<string>();
  const externals = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const i of meta.outputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement' && i.kind !== 'require-call') continue;
      if (i.external) externals.add(i.path);
      else stack.push(i.path);
    }
  }
  const inputs = [...files].flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {}));
  return { files: [...files], inputs, externals: [...externals] };
}

const HEAVY = [
  '@inquirer/prompts',
  'ora',
  'handlebars',
  'chalk',
  'execa',
  'cosmiconfig',
  'yaml',
  'markdown-it',
  'web-tree-sitter',
];

describe('the hot path', () => {
  it('oncall note loads only its own small bundle', () => {
    const { inputs, externals } = staticClosure('dist/fast-note.cjs');
    expect(externals.filter((e) => !e.startsWith('node:'))).toEqual([]);
    expect(
      inputs.filter((i) => i.includes('node_modules') && !i.includes('node_modules/zod/')),
    ).toEqual([]);
    expect(
      inputs.some(
        (i) =>
          i.startsWith('src/terminal/') ||
          i.startsWith('src/domain/render/') ||
          i.startsWith('src/infra/templates/'),
      ),
    ).toBe(false);
    expect(inputs).toContain('src/commands/note/note.ts');
    // A note is redacted with the quick forms only; the gitleaks rule data stays out.
    expect(inputs).toContain('src/domain/redact/redact-quick.ts');
    expect(inputs).not.toContain('src/domain/redact/gitleaks-rules.ts');
  });

  it('oncall --help (the full CLI) loads commander and the wiring, nothing heavy', () => {
    const { inputs, externals } = staticClosure('dist/cli.js');
    expect(externals.filter((e) => HEAVY.includes(e))).toEqual([]);
    expect(
      inputs.some(
        (i) =>
          i.startsWith('src/terminal/') ||
          i.startsWith('src/domain/render/') ||
          i.startsWith('src/infra/templates/'),
      ),
    ).toBe(false);
    expect(inputs.some((i) => i.includes('node_modules/commander/'))).toBe(true);
  });

  it('both bundles read the one note definition', () => {
    const definition = 'src/commands/note/definition.ts';
    expect(staticClosure('dist/fast-note.cjs').inputs).toContain(definition);
    expect(staticClosure('dist/cli.js').inputs).toContain(definition);
    expect(staticClosure('dist/fast-note.cjs').inputs).not.toContain(
      'src/commands/definition/commander.ts',
    );
  });

  it('the fast path and commander read the note flags from the one definition', async () => {
    const { noteOptions } = await import('../../../src/fast-note.js');
    const { buildProgram, COMMANDS } = await import('../../../src/cli.js');
    const { noteCommand } = await import('../../../src/commands/note/definition.js');
    const { programDefinition } = await import('../../../src/commands/definition/program.js');
    const { flagSyntax } = await import('../../../src/commands/definition/define.js');
    const { addFlags, register } = await import('../../../src/commands/definition/commander.js');
    const { Command } = await import('commander');
    const sink = { write: () => true };
    const ctx = {
      cwd: ROOT,
      env: {},
      now: () => new Date(),
      stdout: sink,
      stderr: sink,
      stdin: process.stdin,
      interactive: false,
    };

    // The CLI registers the very object the fast path parses with (not a copy)...
    const wired = COMMANDS.find((c) => 'definition' in c && c.definition === noteCommand);
    if (!wired || !('definition' in wired)) throw new Error('the CLI does not wire noteCommand');
    const program = buildProgram(ctx);
    const noteCommander = program.commands.find((c) => c.name() === 'note');
    expect((noteCommander?.options ?? []).map((o) => o.flags)).toEqual(
      Object.entries(noteCommand.flags).map(([name, spec]) => flagSyntax(name, spec)),
    );
    expect(program.options.map((o) => o.long)).toContain('--incident');

    // ...and the same words give the same options either way.
    for (const words of [
      ['-k', 'finding', '--at', '10m ago', 'disk', 'is', 'full'],
      ['--incident', 'inc-1', '--ruled-out', 'not', 'DNS'],
      ['just', 'a', 'note'],
    ]) {
      let viaCommander: unknown;
      const probe = new Command('oncall').exitOverride();
      addFlags(probe, programDefinition.flags);
      register(
        probe,
        {
          ...wired,
          run: async (_ctx, options) => {
            viaCommander = options;
          },
        },
        ctx,
      );
      await probe.parseAsync(['node', 'oncall', 'note', ...words]);
      expect(viaCommander).toEqual(noteOptions(words));
    }
  });
});

describe('the everyday commands without commander', () => {
  it('take the same words as commander does, into the same options', async () => {
    const { fastOptions } = await import('../../../src/fast/command.js');
    const { COMMANDS } = await import('../../../src/cli.js');
    const { programDefinition } = await import('../../../src/commands/definition/program.js');
    const { addFlags, register } = await import('../../../src/commands/definition/commander.js');
    const { Command } = await import('commander');
    const sink = { write: () => true };
    const ctx = { cwd: ROOT, env: {}, now: () => new Date(), stdout: sink, stderr: sink };
    const words: Record<string, string[][]> = {
      status: [[], ['--json'], ['--incident', 'inc-1'], ['--incident=inc-1', '--json']],
      timeline: [['--json'], ['--md', '--incident', 'x'], ['-f'], ['--follow', '--json']],
      update: [
        ['db', 'is', 'back'],
        ['--no-post', 'db', 'back'],
        ['--channel', '#inc', '--dry-run', 'text'],
        ['--', '--looks-like-a-flag'],
      ],
      escalate: [
        ['--to', 'dana', '--ask', 'look at the db'],
        ['--to=dana', '--by', '10m', '--long', '--no-send'],
        ['--out', 'x.md', '--template', 't.hbs', '--dry-run', '--to', 'x'],
      ],
      handoff: [['--to', 'erin'], ['--accept'], ['--to', 'erin', '--note', 'n', '--no-send']],
      postmortem: [[], ['--force'], ['--out', 'pm.md', '--template', 't.hbs']],
    };
    for (const wired of COMMANDS) {
      if (!('definition' in wired) || !(wired.definition.name in words)) continue;
      for (const args of words[wired.definition.name] ?? []) {
        let viaCommander: unknown;
        const probe = new Command('oncall').exitOverride();
        addFlags(probe, programDefinition.flags);
        const capture = async (_ctx: unknown, options: unknown) => {
          viaCommander = options;
        };
        register(
          probe,
          { ...wired, run: capture },
          { ...ctx, stdin: process.stdin, interactive: false },
        );
        await probe.parseAsync(['node', 'oncall', wired.definition.name, ...args]);
        expect(fastOptions(wired.definition, args), args.join(' ')).toEqual(viaCommander);
      }
    }
    expect(Object.keys(words).length).toBe(6);
  });
});

/** The bundles src/main.ts runs from V8's code cache: the note's and the everyday commands'. */
const FAST_BUNDLES = Object.keys(meta.outputs).filter((f) => /^dist\/fast-[a-z]+\.cjs$/.test(f));

/** Where src/main.ts keeps this Node's code cache of `bundle` (one per V8 version). */
const cacheOf = (bundle: string) => `${bundle}.${process.versions.v8}.cache`;

/** `bundle` compiled as src/main.ts compiles it, from `cache`. */
async function compiled(bundle: string, cache: Buffer) {
  const { Script } = await import('node:vm');
  const { wrap } = await import('node:module');
  return new Script(wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData: cache });
}

describe('dist/ as the build leaves it', () => {
  it('holds only the scripts and maps this build wrote, none of an earlier build', () => {
    // Chunks are named by their content's hash: an earlier build's are other names.
    const written = new Set([...Object.keys(meta.outputs), 'dist/side-libraries.cjs']);
    const scripts = readdirSync(join(ROOT, 'dist')).filter((n) => /\.c?js(\.map)?$/.test(n));
    expect(scripts.filter((name) => !written.has(`dist/${name}`))).toEqual([]);
    expect(scripts.length).toBeGreaterThan(100);
  });
});

describe('the fast bundles as Node loads them', () => {
  it('are the note, every everyday command and export', () => {
    expect(FAST_BUNDLES.map((f) => f.slice('dist/fast-'.length, -'.cjs'.length)).sort()).toEqual([
      'escalate',
      'export',
      'handoff',
      'home',
      'note',
      'postmortem',
      'status',
      'timeline',
      'update',
    ]);
  });

  it('each compiles from the code cache the build made for it, which V8 accepts', async () => {
    const { statSync } = await import('node:fs');
    for (const file of FAST_BUNDLES) {
      const bundle = join(ROOT, file);
      // Newer than the bundle, or src/main.ts ignores it.
      expect(statSync(cacheOf(bundle)).mtimeMs).toBeGreaterThanOrEqual(statSync(bundle).mtimeMs);
      const script = await compiled(bundle, readFileSync(cacheOf(bundle)));
      expect(script.cachedDataRejected, file).toBe(false);
    }
  });

  it('a code cache made by another Node is refused cleanly, and one for this Node kept', async () => {
    const { spawnSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const { sandbox, startIncident } = await import('../../helpers/cli.js');
    const { installedCopy } = await import('../../helpers/installed.js');
    const root = installedCopy();
    const bundles = ['fast-note.cjs', 'fast-status.cjs'].map((name) => join(root, 'dist', name));
    for (const bundle of bundles) {
      // V8 checks a cache's header against its own version first: another
      // Node's V8 writes another version hash there (bytes 4-7).
      const cache = readFileSync(cacheOf(bundle));
      cache.writeUInt32LE((cache.readUInt32LE(4) ^ 0x5a5a5a5a) >>> 0, 4);
      writeFileSync(cacheOf(bundle), cache);
      expect((await compiled(bundle, cache)).cachedDataRejected, bundle).toBe(true);
    }
    const box = sandbox();
    await startIncident(box);
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin', 'oncall'), ...args], {
        cwd: box.cwd,
        env: box.env,
        encoding: 'utf8',
      });
    const note = run(['note', 'disk at 91%']);
    expect([note.status, note.stderr]).toEqual([0, '']);
    expect(note.stdout).toMatch(/^Noted at \d\d:\d\d in /);
    const status = run(['status']);
    expect([status.status, status.stderr]).toEqual([0, '']);
    expect(status.stdout).toContain('notes: 1');
    // The run kept a cache this Node takes, in place of the one it refused.
    for (const bundle of bundles)
      expect((await compiled(bundle, readFileSync(cacheOf(bundle)))).cachedDataRejected).toBe(
        false,
      );
  });

  it('make no import of any kind: one in code compiled from a cache fails silently', () => {
    // It did once: the note's background sync and outbox flush never started.
    const note = readFileSync(join(ROOT, 'dist', 'fast-note.cjs'), 'utf8');
    expect(note.match(/\bimport\(/g) ?? []).toEqual([]);
    // The everyday commands' bundles (see build.mjs): only require() of Node's
    // modules, of the CommonJS packages that import files themselves, and of
    // the libraries only a cache miss needs (side-libraries.test.ts).
    const required = [
      'cosmiconfig',
      'web-tree-sitter',
      '@inquirer/prompts',
      './side-libraries.cjs',
    ];
    for (const file of FAST_BUNDLES) {
      const imports = meta.outputs[file]?.imports ?? [];
      expect(
        imports.filter(
          (i) =>
            i.kind !== 'require-call' || !(i.path.startsWith('node:') || required.includes(i.path)),
        ),
        file,
      ).toEqual([]);
    }
  });

  it('a note sets up no output streams and loads no tty or socket code', async () => {
    const { spawnSync } = await import('node:child_process');
    const { sandbox, startIncident } = await import('../../helpers/cli.js');
    const { BIN } = await import('../../helpers/paths.js');
    const box = sandbox();
    await startIncident(box);
    // Preloaded: reports, as the process ends, which of Node's own modules it loaded.
    const probe =
      'process.on("exit", () => require("fs").writeSync(2, "\\nloaded " + process.moduleLoadList.join(",") + "\\n"))';
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `${probe}; process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)})`,
        'note',
        'disk at 91%',
      ],
      {
        cwd: box.cwd,
        env: box.env,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Noted at \d\d:\d\d in /);
    const loaded = /loaded (.*)/.exec(r.stderr)?.[1]?.split(',') ?? [];
    expect(loaded).toContain('NativeModule fs');
    for (const heavy of ['NativeModule tty', 'NativeModule net', 'NativeModule stream'])
      expect(loaded).not.toContain(heavy);
  });
});
