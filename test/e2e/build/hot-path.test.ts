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
];

describe('the hot path', () => {
  it('oncall note loads only its own small bundle', () => {
    const { inputs, externals } = staticClosure('dist/fast-note.cjs');
    expect(externals.filter((e) => !e.startsWith('node:'))).toEqual([]);
    expect(
      inputs.filter((i) => i.includes('node_modules') && !i.includes('node_modules/zod/')),
    ).toEqual([]);
    expect(inputs.some((i) => i.startsWith('src/ui/prompts') || i.startsWith('src/render/'))).toBe(
      false,
    );
    expect(inputs).toContain('src/commands/note.ts');
    // A note is redacted with the quick forms only; the gitleaks rule data stays out.
    expect(inputs).toContain('src/text/redact-quick.ts');
    expect(inputs).not.toContain('src/text/gitleaks-rules.ts');
  });

  it('oncall --help (the full CLI) loads commander and the wiring, nothing heavy', () => {
    const { inputs, externals } = staticClosure('dist/cli.js');
    expect(externals.filter((e) => HEAVY.includes(e))).toEqual([]);
    expect(inputs.some((i) => i.startsWith('src/ui/prompts') || i.startsWith('src/render/'))).toBe(
      false,
    );
    expect(inputs.some((i) => i.includes('node_modules/commander/'))).toBe(true);
  });

  it('the fast path and commander accept the same note flags', async () => {
    const { NOTE_FLAGS } = await import('../../../src/fast-note.js');
    const { buildProgram } = await import('../../../src/cli.js');
    const ctx = { write: () => true };
    const program = buildProgram({
      cwd: ROOT,
      env: {},
      now: () => new Date(),
      stdout: ctx,
      stderr: ctx,
      stdin: process.stdin,
      interactive: false,
    });
    const noteCommand = program.commands.find((c) => c.name() === 'note');
    const commanderFlags = (noteCommand?.options ?? [])
      .map((o) => o.long?.replace(/^--/, ''))
      .sort();
    expect(commanderFlags).toEqual(
      Object.keys(NOTE_FLAGS)
        .filter((f) => f !== 'incident')
        .sort(),
    );
    expect(program.options.map((o) => o.long)).toContain('--incident');
  });
});
