// Empty values, refused in the definitions layer for both parsers: a script's
// unset variable (`--incident "$ID"`, `oncall use "$ID"`) must fail naming the
// flag, never quietly mean "not given" and write to another incident. The few
// flags where empty means something say what, in help too.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../src/cli.js';
import { addFlags, register, wire } from '../../../../src/commands/definition/commander.js';
import {
  type CommandDefinition,
  camelCase,
  type FlagSpecs,
} from '../../../../src/commands/definition/define.js';
import { optionsFromArgv, parseArgv } from '../../../../src/commands/definition/parse-args.js';
import { programDefinition } from '../../../../src/commands/definition/program.js';
import { startCommand } from '../../../../src/commands/start/definition.js';
import type { Context } from '../../../../src/context.js';
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

async function viaCommander(definition: CommandDefinition, words: string[]): Promise<unknown> {
  let received: unknown;
  const program = new Command('oncall').exitOverride();
  addFlags(program, programDefinition.flags);
  register(
    program,
    wire(definition, async (_ctx, options) => {
      received = options;
    }),
    ctx,
  );
  await program.parseAsync(['node', 'oncall', definition.name, ...words]);
  return received;
}

const viaParseArgs = async (definition: CommandDefinition, words: string[]) =>
  optionsFromArgv(definition, parseArgv(definition, words));

const PARSERS = [
  ['commander', viaCommander],
  ['parseArgs', viaParseArgs],
] as const;

/** Every wired definition (group subcommands included: the checks do not depend on the path). */
const DEFINITIONS: CommandDefinition[] = COMMANDS.flatMap((entry) =>
  'group' in entry ? entry.commands.map((c) => c.definition) : [entry.definition],
);

/** Words that fill a definition's required arguments. */
const required = (definition: CommandDefinition): string[] =>
  (definition.arguments ?? []).filter((a) => a.required).map(() => '1');

const stringFlags = (flags: FlagSpecs | undefined) =>
  Object.entries(flags ?? {}).flatMap(([name, spec]) =>
    spec.type === 'string' ? [[name, spec] as const] : [],
  );

async function refusal(run: () => Promise<unknown>): Promise<string> {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  expect(error).toMatchObject({ exitCode: 2 });
  return (error as Error).message;
}

describe('an empty flag value', () => {
  for (const [parser, parse] of PARSERS) {
    it(`is refused for every string flag of every command unless it means something (${parser})`, async () => {
      let checked = 0;
      for (const definition of DEFINITIONS) {
        const flags = [...stringFlags(programDefinition.flags), ...stringFlags(definition.flags)];
        for (const [name, spec] of flags) {
          for (const empty of ['', '  ']) {
            const words = [...required(definition), `--${name}`, empty];
            if (spec.type === 'string' && spec.emptyMeans !== undefined) {
              expect(await parse(definition, words)).toMatchObject({ [camelCase(name)]: '' });
            } else {
              expect(await refusal(() => parse(definition, words))).toBe(
                `--${name}: empty value; give <${spec.value}> or leave the flag out`,
              );
            }
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('names the flag as typed, --incident or --at=', async () => {
    for (const [, parse] of PARSERS) {
      const note = DEFINITIONS.find((d) => d.name === 'note') as CommandDefinition;
      expect(await refusal(() => parse(note, ['--incident', '', 'disk full']))).toBe(
        '--incident: empty value; give <id> or leave the flag out',
      );
      expect(await refusal(() => parse(note, ['--at=', 'disk full']))).toMatch(
        /^--at: empty value/,
      );
    }
  });

  it('means "unknown, not asked" only where start asks and a blank answer is fine, and help says so', async () => {
    const allowed = DEFINITIONS.flatMap((d) =>
      stringFlags(d.flags)
        .filter(([, spec]) => spec.type === 'string' && spec.emptyMeans !== undefined)
        .map(([name]) => `${d.name} --${name}`),
    );
    expect(allowed).toEqual(['start --service', 'start --impact', 'start --started-at']);
    const help = register(
      new Command('oncall'),
      wire(startCommand, async () => {}),
      ctx,
    )
      .helpInformation()
      .replace(/\s+/g, ' ');
    expect(help).toContain(
      "--impact <text> who is affected, what they see, how many ('' = not known yet; not asked)",
    );
    expect(help).toContain("('' = now; not asked)");
    expect(help).toContain("the affected service ('' = unknown; not asked)");
  });
});

describe('an empty argument', () => {
  for (const [parser, parse] of PARSERS) {
    it(`is refused for every argument of every command (${parser})`, async () => {
      let checked = 0;
      for (const definition of DEFINITIONS) {
        const specs = definition.arguments ?? [];
        for (const [index, spec] of specs.entries()) {
          const given = specs.flatMap((other, i) =>
            i === index ? [''] : other.required ? ['1'] : [],
          );
          const message = await refusal(() => parse(definition, given));
          expect(message).toMatch(new RegExp(`^<${spec.name}> is empty: `));
          expect(message.endsWith(', or leave it out')).toBe(!spec.required);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('a variadic argument may hold an empty word among others (an empty argument to a command)', async () => {
    const run = DEFINITIONS.find((d) => d.name === 'run') as CommandDefinition;
    for (const [, parse] of PARSERS) {
      expect(await parse(run, ['--', 'printf', '%s', ''])).toMatchObject({
        argv: ['printf', '%s', ''],
      });
      expect(await refusal(() => parse(run, ['--', '', ' ']))).toBe(
        '<command> is empty: the command and its arguments, after --',
      );
    }
  });
});
