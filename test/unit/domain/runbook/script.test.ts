// A command's text read with the shell parser, then filled and really run: a
// value reaches the command as exactly one argument in every quoting context
// (bare, "…", '…', a here-document), and nothing in it is ever parsed by a shell.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareCommand, previewCommand } from '../../../../src/domain/runbook/command-text.js';
import { readCommand } from '../../../../src/domain/runbook/script.js';

const HOSTILE = `v1 "it's" $(touch pwned) \`touch pwned2\` ; rm -rf ./x * $HOME`;
const ARGS = `node -e 'console.log(JSON.stringify(process.argv.slice(1)))'`;

function runIn(dir: string, prepared: ReturnType<typeof prepareCommand>): string {
  const [file, ...args] = prepared.shell ? [prepared.shell, '-c', ...prepared.argv] : prepared.argv;
  const r = spawnSync(file ?? '', args, {
    cwd: dir,
    env: { ...process.env, ...prepared.env },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('a plain command with placeholders', () => {
  it('runs without a shell when it is one plain command: the value is one argv element', () => {
    const { spec } = readCommand(`${ARGS} <node-name> --selector=app=<app>`, { plain: true });
    expect(spec.shell).toBeUndefined();
    const prepared = prepareCommand(spec, { 'node-name': HOSTILE, app: 'a b' }, new Map());
    expect(prepared.env).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'oncall-script-'));
    expect(JSON.parse(runIn(dir, prepared))).toEqual([HOSTILE, '--selector=app=a b']);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('in a script, passes each value in the environment, referenced for its quoting context', () => {
    const script = `${ARGS} <a> "in double <b> quotes" 'in single <c> quotes' $D | cat`;
    const { spec } = readCommand(script, { plain: true });
    expect(spec.shell).toBe('sh');
    expect(spec.placeholders?.map((p) => [p.text, p.kind])).toEqual([
      ['<a>', 'angle'],
      ['<b>', 'angle'],
      ['<c>', 'angle'],
      ['$D', 'env'],
    ]);
    const values = { a: HOSTILE, b: HOSTILE, c: HOSTILE, d: HOSTILE };
    const prepared = prepareCommand(spec, values, new Map());
    expect(prepared.argv[0]).not.toContain('touch');
    const dir = mkdtempSync(join(tmpdir(), 'oncall-script-'));
    expect(JSON.parse(runIn(dir, prepared))).toEqual([
      HOSTILE,
      `in double ${HOSTILE} quotes`,
      `in single ${HOSTILE} quotes`,
      HOSTILE,
    ]);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync(join(dir, 'pwned2'))).toBe(false);
  });

  it('fills a here-document without letting the value end it or expand', () => {
    const { spec } = readCommand('cat <<EOF\nnode: <node-name>\nEOF', { plain: true });
    const dir = mkdtempSync(join(tmpdir(), 'oncall-script-'));
    const out = runIn(dir, prepareCommand(spec, { 'node-name': HOSTILE }, new Map()));
    expect(out).toBe(`node: ${HOSTILE}\n`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('is shown with the values in place, quoted so it can be edited and run as it reads', () => {
    const { spec } = readCommand('oc adm drain <node-name> --force && echo "done <node-name>"', {
      plain: true,
    });
    expect(previewCommand(spec, {})).toBe(
      'oc adm drain <node-name> --force && echo "done <node-name>"',
    );
    expect(previewCommand(spec, { 'node-name': 'node-1' })).toBe(
      'oc adm drain node-1 --force && echo "done node-1"',
    );
    expect(previewCommand(spec, { 'node-name': 'a b' })).toBe(
      `oc adm drain 'a b' --force && echo "done a b"`,
    );
  });

  it('refuses to run with a placeholder unanswered, naming it as written', () => {
    const { spec } = readCommand('kubectl -n <namespace> get pods', { plain: true });
    expect(() => prepareCommand(spec, {}, new Map())).toThrow(/<namespace> has no value/);
  });
});
