// Definition -> commander: what commander registers (help, flag syntax,
// attribute names) and what a command then receives, typed by OptionsOf.
import { Command } from 'commander';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { COMMANDS } from '../../../../src/cli.js';
import {
  addFlags,
  register,
  type Wired,
  wire,
} from '../../../../src/commands/definition/commander.js';
import {
  type CommandDefinition,
  camelCase,
  flagSyntax,
} from '../../../../src/commands/definition/define.js';
import { type OptionsOf, programDefinition } from '../../../../src/commands/definition/program.js';
import { drillCommand } from '../../../../src/commands/drill/definition.js';
import { mitigateCommand } from '../../../../src/commands/milestone/definition.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { runbookLintCommand } from '../../../../src/commands/runbook/definition.js';
import { sevCommand } from '../../../../src/commands/sev/definition.js';
import { startCommand } from '../../../../src/commands/start/definition.js';
import type { Context } from '../../../../src/context.js';
import type { NoteKind } from '../../../../src/domain/incident/note-kinds.js';
import type { Severity } from '../../../../src/domain/incident/severity.js';
import { UsageError } from '../../../../src/errors.js';

const sink = { write: () => true };
const ctx: Context = {
  cwd: '/',
  env: {},
  now: () => new Date(),
  stdout: sink,
  stderr: sink,
  stdin: process.stdin,
  interactive: false,
};

/** Every definition the CLI wires, with the words that reach it (`runbook show`). */
const WIRED: [string[], Wired][] = COMMANDS.flatMap((entry) =>
  'group' in entry
    ? entry.commands.map((sub): [string[], Wired] => [[entry.group.name, sub.definition.name], sub])
    : [[[entry.definition.name], entry]],
);

/** The options commander hands `definition`'s action for these words. */
async function viaCommander(
  definition: CommandDefinition,
  words: string[],
  path: string[] = [definition.name],
): Promise<unknown> {
  let received: unknown;
  const program = new Command('oncall').exitOverride();
  addFlags(program, programDefinition.flags);
  const parent = path.length > 1 ? program.command(path[0] as string) : program;
  register(
    parent,
    wire(definition, async (_ctx, options) => {
      received = options;
    }),
    ctx,
  );
  await program.parseAsync(['node', 'oncall', ...path, ...words]);
  return received;
}

describe('registering a definition with commander', () => {
  it.each(WIRED)('%j: each flag as declared, under the name the command reads', (_path, wired) => {
    const program = new Command('oncall');
    const command = register(program, wired, ctx);
    const flags = Object.entries(wired.definition.flags ?? {});
    expect(command.options.map((o) => o.flags)).toEqual(
      flags.map(([name, spec]) => flagSyntax(name, spec)),
    );
    expect(command.options.map((o) => o.attributeName())).toEqual(
      flags.map(([name]) => camelCase(name)),
    );
    expect(command.registeredArguments.map((a) => a.name())).toEqual(
      (wired.definition.arguments ?? []).map((a) => a.name),
    );
  });

  it('shows choices and defaults in help, as before', () => {
    const program = new Command('oncall');
    const help = register(
      program,
      wire(noteCommand, async () => {}),
      ctx,
    ).helpInformation();
    expect(help).toContain('-k, --kind <kind>');
    expect(help).toMatch(/choices: "note", "action",[\s\S]*default: "note"/);
    const start = register(
      program,
      wire(startCommand, async () => {}),
      ctx,
    ).helpInformation();
    expect(start).toContain(
      '--sev <level>             severity (choices: "SEV1", "SEV2", "SEV3", "SEV4")',
    );
    expect(start).toContain('--no-input');
    expect(start).toContain('Usage: oncall start [options] [runbook]');
  });
});

describe('what a command receives', () => {
  it('start: every flag as a key, absent ones undefined, negations true unless given', async () => {
    const options = await viaCommander(startCommand, [
      'web-down',
      '--sev',
      'sev2',
      '--started-at',
      '10:05',
      '--no-input',
      '--incident',
      'inc-1',
    ]);
    expect(options).toEqual({
      incident: 'inc-1',
      runbookArg: 'web-down',
      title: undefined,
      service: undefined,
      sev: 'SEV2',
      impact: undefined,
      startedAt: '10:05',
      detectedAt: undefined,
      alert: undefined,
      label: [],
      runbook: undefined,
      input: false,
      walk: true,
      dryRun: undefined,
    });
  });

  it('sev: the level argument is parsed, so 2 and sev2 mean SEV2', async () => {
    expect(await viaCommander(sevCommand, ['2'])).toMatchObject({ level: 'SEV2' });
    expect(await viaCommander(sevCommand, ['sev3', '--reason', 'worse'])).toMatchObject({
      level: 'SEV3',
      reason: 'worse',
    });
    await expect(viaCommander(sevCommand, ['SEV9'])).rejects.toThrow(
      new UsageError('<level> SEV9: not a severity; use one of SEV1, SEV2, SEV3, SEV4'),
    );
  });

  it('drill and start refuse a bad --sev with the one message', async () => {
    for (const definition of [startCommand, drillCommand]) {
      const words = definition === drillCommand ? ['x', '--sev', 'SEV7'] : ['--sev', 'SEV7'];
      await expect(viaCommander(definition, words)).rejects.toThrow(
        '--sev SEV7: not a severity; use one of SEV1, SEV2, SEV3, SEV4',
      );
    }
  });

  it('note: --kind defaults, is checked against its choices, and text is the rest', async () => {
    expect(await viaCommander(noteCommand, ['disk', 'full'])).toMatchObject({
      kind: 'note',
      text: ['disk', 'full'],
    });
    await expect(viaCommander(noteCommand, ['--kind', 'rumour', 'x'])).rejects.toThrow(
      '--kind rumour: use one of note, action, finding, hypothesis, ruled-out, confirmed, decision',
    );
  });

  it('an optional variadic argument is an empty list when not given', async () => {
    expect(await viaCommander(mitigateCommand, [])).toEqual({
      incident: undefined,
      at: undefined,
      post: true,
      summary: [],
    });
    expect(await viaCommander(runbookLintCommand, ['a.md', 'b.md'], ['runbook', 'lint'])).toEqual({
      incident: undefined,
      files: ['a.md', 'b.md'],
    });
  });
});

describe('OptionsOf', () => {
  it('types each command from its definition', () => {
    type Start = OptionsOf<typeof startCommand>;
    expectTypeOf<Start['sev']>().toEqualTypeOf<Severity | undefined>();
    expectTypeOf<Start['input']>().toEqualTypeOf<boolean>();
    expectTypeOf<Start['dryRun']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Start['startedAt']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Start['runbookArg']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Start['incident']>().toEqualTypeOf<string | undefined>();
    type Note = OptionsOf<typeof noteCommand>;
    expectTypeOf<Note['kind']>().toEqualTypeOf<NoteKind>();
    expectTypeOf<Note['text']>().toEqualTypeOf<string[]>();
    expectTypeOf<Note['ruledOut']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<OptionsOf<typeof sevCommand>['level']>().toEqualTypeOf<Severity>();
    // A flag that is not declared is not an option: renaming one fails to compile.
    expectTypeOf<Start>().not.toHaveProperty('started-at');
    expectTypeOf<Start>().not.toHaveProperty('startedAT');
  });
});
