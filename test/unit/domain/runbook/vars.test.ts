// Values typed at 2am reach a command as exactly one argument; through a shell
// only when the step declared one, and then single-quoted so nothing expands.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitWords } from '../../../../src/domain/runbook/parse.js';
import type { CommandSpec } from '../../../../src/domain/runbook/types.js';
import {
  fillCommand,
  shellQuote,
  undefinedVariables,
} from '../../../../src/domain/runbook/vars.js';
import { UsageError } from '../../../../src/errors.js';

const argvSpec = (argv: string[]): CommandSpec => ({ argv, source: argv.join(' ') });
const HOSTILE = `v1.2 it's "quoted"; $(touch pwned) \`touch pwned2\` | rm -rf ~`;

describe('fillCommand', () => {
  it('fills each argv element on its own and never re-splits a value', () => {
    const spec = argvSpec(['deploy', '--to={{version}}', '{{ service }}', 'plain']);
    expect(fillCommand(spec, { version: 'a b; c', service: 'web api' })).toEqual({
      argv: ['deploy', '--to=a b; c', 'web api', 'plain'],
    });
  });

  it('fills several placeholders in one element', () => {
    expect(fillCommand(argvSpec(['{{a}}-{{b}}']), { a: 'x', b: 'y' }).argv).toEqual(['x-y']);
  });

  it('single-quotes values for a shell step, so the shell sees them as literal text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-vars-'));
    const spec: CommandSpec = {
      argv: ['printf "%s\\n" {{value}}'],
      shell: 'sh',
      source: 'printf "%s\\n" {{value}}',
    };
    const filled = fillCommand(spec, { value: HOSTILE });
    expect(filled.shell).toBe('sh');
    const r = spawnSync('sh', ['-c', filled.argv[0] ?? ''], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe(`${HOSTILE}\n`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync(join(dir, 'pwned2'))).toBe(false);
  });

  it('passes a hostile value to an argv command as one argument', () => {
    const filled = fillCommand(
      argvSpec([
        process.execPath,
        '-e',
        'console.log(JSON.stringify(process.argv.slice(1)))',
        '{{v}}',
      ]),
      {
        v: HOSTILE,
      },
    );
    const [file, ...args] = filled.argv;
    const r = spawnSync(file ?? '', args, { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual([HOSTILE]);
  });

  it('refuses to run a command whose variable has no value', () => {
    expect(() => fillCommand(argvSpec(['curl', '{{url}}/health']), {})).toThrow(UsageError);
    expect(() => fillCommand(argvSpec(['curl', '{{url}}/health']), {})).toThrow(
      /\{\{url\}\} has no value/,
    );
  });
});

describe('shellQuote', () => {
  it('wraps in single quotes and escapes a single quote', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });
});

describe('undefinedVariables', () => {
  it('lists placeholders that are not known', () => {
    const spec = argvSpec(['x', '{{a}}', '{{b}}/{{c}}', '{{a}}']);
    expect(undefinedVariables(spec, new Set(['b']))).toEqual(['a', 'c']);
  });
});

describe('splitWords (the runbook text only)', () => {
  it('honours quotes and escapes like sh', () => {
    expect(splitWords(`a 'b c' "d \\"e\\" \\n" f\\ g`)).toEqual({
      words: ['a', 'b c', 'd "e" \\n', 'f g'],
    });
  });

  it('flags what only a shell understands', () => {
    expect(splitWords('ps aux | grep x').shellSyntax).toBe('|');
    expect(splitWords('echo $HOME').shellSyntax).toBe('$');
    expect(splitWords('echo "$HOME"').shellSyntax).toBe('$');
    expect(splitWords("echo '$HOME|x'").shellSyntax).toBeUndefined();
    expect(splitWords('ls ~/x').shellSyntax).toBe('~');
    expect(splitWords('ls *.log').shellSyntax).toBe('*');
  });

  it('ends at a comment and reports an unclosed quote', () => {
    expect(splitWords('df -h # disks').words).toEqual(['df', '-h']);
    expect(splitWords("echo 'oops").error).toContain('single quote');
  });
});
