// What a mistyped command or flag is told: the nearest name and the line to type.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../src/cli.js';
import {
  flagHint,
  type TypedCommand,
  typoHint,
} from '../../../../src/commands/definition/typos.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';

const typed: TypedCommand[] = COMMANDS.map((entry) =>
  'group' in entry
    ? {
        name: entry.group.name,
        subcommands: entry.commands.map((c) => ({
          name: c.definition.name,
          definition: c.definition,
        })),
      }
    : { name: entry.definition.name, definition: entry.definition },
);

describe('typoHint', () => {
  it('names the command meant, with the rest of the line as typed', () => {
    expect(typoHint(['nots', 'db slow'], typed)).toBe(
      "unknown command 'nots': did you mean `oncall note 'db slow'`?",
    );
    expect(typoHint(['escalte', '--to', 'x'], typed)).toBe(
      "unknown command 'escalte': did you mean `oncall escalate --to x`?",
    );
    expect(typoHint(['runbook', 'shwo', 'web'], typed)).toBe(
      "unknown command 'runbook shwo': did you mean `oncall runbook show web`?",
    );
  });

  it('names the flag meant, keeping a value given with =', () => {
    expect(typoHint(['sev', '1', '--reson=EU down'], typed)).toBe(
      "unknown option '--reson' for `oncall sev`: did you mean --reason? Type: `oncall sev 1 '--reason=EU down'`",
    );
    expect(typoHint(['start', '--no-inptu', '--titel', 'x'], typed)).toContain(
      'did you mean --no-input?',
    );
    // A value glued to its flag is given apart again.
    expect(typoHint(['start', '--sev2', '--title', 'x'], typed)).toBe(
      "unknown option '--sev2' for `oncall start`: did you mean --sev? Type: `oncall start --sev 2 --title x`",
    );
    expect(typoHint(['note', '--at10m', 'x'], typed)).toContain('Type: `oncall note --at 10m x`');
    expect(typoHint(['timeline', '--markdown'], typed)).toContain(
      'did you mean --md? Type: `oncall timeline --md`',
    );
  });

  it("puts -- before a command's own flags, and before a note's text that starts with a dash", () => {
    expect(typoHint(['run', 'kubectl', '-n', 'x', 'get', 'pods'], typed)).toBe(
      "unknown option '-n' for `oncall run`: put `--` before the command, so its words are not read as oncall's: `oncall run -- kubectl -n x get pods`",
    );
    expect(typoHint(['run', '--shell', 'bash', 'ls', '-la'], typed)).toContain(
      '`oncall run --shell bash -- ls -la`',
    );
    expect(flagHint(noteCommand, ['note'], ['-5%', 'errors'])).toContain(
      '`oncall note -- -5% errors`',
    );
  });

  it('says nothing of flags every parser knows (values, short forms, --flag=value)', () => {
    expect(typoHint(['note', '-k', 'finding', '--at=10m ago', 'x'], typed)).toBeUndefined();
    expect(typoHint(['note', '-kfinding', 'x'], typed)).toBeUndefined();
    expect(typoHint(['--incident', 'abc', 'start', '--title', '--hypo'], typed)).toBeUndefined();
  });
});
