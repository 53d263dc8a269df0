// How a runbook command is prepared (values, secrets, shells) and shown. The
// prepared commands are run through sh and node to prove what they really receive.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { prepareCommand, showCommand } from '../../../../src/domain/runbook/command-text.js';

const PRINT_ARGS = 'console.log(JSON.stringify(process.argv.slice(1)))';

function run(prepared: ReturnType<typeof prepareCommand>): string[] {
  const [file, ...args] = prepared.shell ? [prepared.shell, '-c', ...prepared.argv] : prepared.argv;
  const r = spawnSync(file ?? '', args, {
    env: { ...process.env, ...prepared.env },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('prepareCommand', () => {
  it('fills an argument vector per argument when there is no secret', () => {
    const p = prepareCommand(
      { argv: ['deploy', '{{v}}', '--to={{env}}'], source: '' },
      { v: 'a b; rm -rf /', env: 'prod' },
      new Map(),
    );
    expect(p).toEqual({ argv: ['deploy', 'a b; rm -rf /', '--to=prod'] });
  });

  it('keeps a secret out of argv and passes it through the environment, intact', () => {
    const secret = `s3cr'et "$HOME" \`id\` ;|`;
    const p = prepareCommand(
      { argv: ['node', '-e', PRINT_ARGS, 'token={{token}}!', '{{name}}'], source: '' },
      { name: "O'Brien; touch x" },
      new Map([['token', secret]]),
    );
    expect(p.shell).toBe('sh');
    expect(JSON.stringify(p.argv)).not.toContain('s3cr');
    expect(p.env).toEqual({ ONCALL_TOKEN: secret, ONCALL_NAME: "O'Brien; touch x" });
    expect(run(p)).toEqual([`token=${secret}!`, "O'Brien; touch x"]);
  });

  it('gives a script its values through the environment, referenced where each stands', () => {
    const p = prepareCommand(
      { argv: ['printf "%s|%s" {{token}} {{name}}'], shell: 'sh', source: '' },
      { name: 'a; touch pwned' },
      new Map([['token', 'tok en']]),
    );
    const ref = (name: string) => `"${'$'}{${name}}"`;
    expect(p.argv).toEqual([`printf "%s|%s" ${ref('ONCALL_TOKEN')} ${ref('ONCALL_NAME')}`]);
    const r = spawnSync('sh', ['-c', p.argv[0] ?? ''], {
      env: { ...process.env, ...p.env },
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('tok en|a; touch pwned');
  });

  it('refuses a placeholder without a value', () => {
    expect(() =>
      prepareCommand({ argv: ['x', '{{nope}}'], source: 'x {{nope}}' }, {}, new Map()),
    ).toThrow(/\{\{nope\}\} has no value/);
  });
});

describe('showCommand', () => {
  it('quotes only where needed, readably', () => {
    expect(showCommand({ argv: ['kubectl', 'get', 'pods', '-n', 'web'] })).toBe(
      'kubectl get pods -n web',
    );
    expect(showCommand({ argv: ['node', '-e', "console.log('x')"] })).toBe(
      `node -e "console.log('x')"`,
    );
    expect(showCommand({ argv: ['echo', 'a b'] })).toBe(`echo 'a b'`);
    expect(showCommand({ argv: ['echo', 'hello world'] }, 8)).toBe("echo 'h…");
  });
});
