// Definition -> node:util parseArgs (the note fast path): the same definition
// read without commander must give a command exactly what commander gives it.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../src/cli.js';
import {
  addFlags,
  register,
  type Wired,
  wire,
} from '../../../../src/commands/definition/commander.js';
import type { CommandDefinition, FlagSpec } from '../../../../src/commands/definition/define.js';
import {
  optionsFromArgv,
  parseArgsOptions,
  parseArgv,
} from '../../../../src/commands/definition/parse-args.js';
import { programDefinition } from '../../../../src/commands/definition/program.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { startCommand } from '../../../../src/commands/start/definition.js';
import { useCommand } from '../../../../src/commands/use/definition.js';
import type { Context } from '../../../../src/context.js';

const viaParseArgs = (definition: CommandDefinition, words: string[]) =>
  optionsFromArgv(definition, parseArgv(definition, words));

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
  const capture = wire(definition, async (_ctx, options) => {
    received = options;
  });
  register(program, capture, ctx);
  await program.parseAsync(['node', 'oncall', definition.name, ...words]);
  return received;
}

/** Words that set every flag of a definition (and the global --incident). */
function everyFlag(definition: CommandDefinition): string[] {
  const value = (spec: FlagSpec) =>
    spec.type === 'string'
      ? [spec.choices?.[1] ?? spec.choices?.[0] ?? 'some value']
      : spec.type === 'list'
        ? ['key=value']
        : [];
  const flags = Object.entries(definition.flags ?? {}).flatMap(([name, spec]) => [
    spec.type === 'negated' ? `--no-${name}` : `--${name}`,
    ...value(spec),
  ]);
  return ['--incident', 'inc-1', ...flags];
}

/** Words that fill every argument of a definition. */
const everyArgument = (definition: CommandDefinition): string[] =>
  (definition.arguments ?? []).flatMap((a) => (a.variadic ? ['one', 'two'] : ['1']));

describe('parseArgsOptions', () => {
  it('maps the note definition and the global flags to parseArgs options', () => {
    expect(parseArgsOptions(programDefinition.flags, noteCommand.flags)).toEqual({
      incident: { type: 'string' },
      kind: { type: 'string', short: 'k' },
      action: { type: 'boolean' },
      finding: { type: 'boolean' },
      hypothesis: { type: 'boolean' },
      'ruled-out': { type: 'boolean' },
      confirmed: { type: 'boolean' },
      confirms: { type: 'string' },
      decision: { type: 'boolean' },
      at: { type: 'string' },
    });
  });

  it('gives a negated flag its --no- name (parseArgs on node 20 cannot negate)', () => {
    const options = parseArgsOptions(startCommand.flags);
    expect(options['no-input']).toEqual({ type: 'boolean' });
    expect(options['no-walk']).toEqual({ type: 'boolean' });
    expect(options.input).toBeUndefined();
  });
});

describe('options from parseArgs', () => {
  it('note: shorthands, short flags, the global --incident, and the text', () => {
    expect(viaParseArgs(noteCommand, ['-k', 'finding', '--incident', 'x', 'disk', 'full'])).toEqual(
      {
        incident: 'x',
        kind: 'finding',
        action: undefined,
        finding: undefined,
        hypothesis: undefined,
        ruledOut: undefined,
        decision: undefined,
        at: undefined,
        text: ['disk', 'full'],
      },
    );
  });

  it('start: negations are true unless given, and --sev is parsed', () => {
    const options = viaParseArgs(startCommand, ['--no-walk', '--sev', '1']);
    expect(options).toMatchObject({ input: true, walk: false, sev: 'SEV1' });
  });

  it('refuses an unknown flag, pointing at the help', () => {
    expect(() => parseArgv(noteCommand, ['--bogus', 'x'])).toThrow(
      /^unknown option '--bogus' for `oncall note`\. See `oncall note --help` for its options\.$/,
    );
  });

  it('refuses a bad --kind with the same message as commander', async () => {
    const words = ['--kind', 'rumour', 'x'];
    const message =
      '--kind rumour: use one of note, action, finding, hypothesis, ruled-out, confirmed, decision';
    expect(() => viaParseArgs(noteCommand, words)).toThrow(message);
    await expect(viaCommander(noteCommand, words)).rejects.toThrow(message);
  });

  it('refuses more words than a command takes, and a missing one', () => {
    expect(() => viaParseArgs(useCommand, ['a', 'b'])).toThrow("too many arguments for 'use'");
    expect(() => viaParseArgs(useCommand, [])).toThrow("missing required argument 'id'");
  });
});

describe('commander and parseArgs agree', () => {
  const wired: Wired[] = COMMANDS.flatMap((entry) => ('group' in entry ? [] : [entry]));

  it.each(wired.map((w) => [w.definition.name, w.definition] as const))(
    '%s: the same words give the same options, with every flag and with none',
    async (_name, definition) => {
      const args = everyArgument(definition);
      const required = (definition.arguments ?? []).some((a) => a.required);
      for (const words of [
        [...everyFlag(definition), ...args],
        [...args, ...everyFlag(definition)],
        required ? args : [],
      ]) {
        expect(viaParseArgs(definition, words), words.join(' ')).toEqual(
          await viaCommander(definition, words),
        );
      }
    },
  );
});
