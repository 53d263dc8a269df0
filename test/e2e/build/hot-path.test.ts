// `oncall note` and `oncall --help` must load no prompt, spinner or template
// code: proven on the built bundles' import graph (esbuild's metafile), which
// is exactly what Node loads before a command's lazy import runs.
import { readFileSync } from 'node:fs';
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

describe('the note bundle as Node loads it', () => {
  it('compiles from the code cache the build made for it, which V8 accepts', async () => {
    const { Script } = await import('node:vm');
    const { wrap } = await import('node:module');
    const { statSync } = await import('node:fs');
    const bundle = join(ROOT, 'dist', 'fast-note.cjs');
    // Newer than the bundle, or src/main.ts ignores it.
    expect(statSync(`${bundle}.cache`).mtimeMs).toBeGreaterThanOrEqual(statSync(bundle).mtimeMs);
    const script = new Script(wrap(readFileSync(bundle, 'utf8')), {
      filename: bundle,
      cachedData: readFileSync(`${bundle}.cache`),
    });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('makes no dynamic import(), which fails silently in code compiled from a cache', () => {
    // It did once: the note's background sync and outbox flush never started.
    const bundle = readFileSync(join(ROOT, 'dist', 'fast-note.cjs'), 'utf8');
    expect(bundle.match(/\bimport\(/g) ?? []).toEqual([]);
  });

  it('a note sets up no output streams and loads no tty or socket code', async () => {
    const { spawnSync } = await import('node:child_process');
    const { sandbox, startIncident } = await import('../../helpers/cli.js');
    const { BIN } = await import('../../helpers/paths.js');
    const box = sandbox();
    startIncident(box);
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
