// Config problems are found at load, all at once, one line each with the file
// and the path: a bad redact pattern, a folder named like a config, a config
// that throws. Never a stack trace, never a failure after a command has run.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../src/infra/config/load.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const env = (dir: string) => ({ HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg') });
const problemsOf = (dir: string) =>
  loadConfig(dir, env(dir)).then(
    () => [] as string[],
    (e) => (e instanceof ConfigError ? e.problems : [`not a ConfigError: ${e}`]),
  );

describe('config problems', () => {
  it('reports invalid redact patterns with the other problems, each with file and path', async () => {
    const dir = dirWith({
      'oncall.config.yaml': 'redact:\n  - "(unclosed"\n  - "fine-\\\\d+"\n  - "[z-a]"\nextra: 1\n',
    });
    const file = join(dir, 'oncall.config.yaml');
    expect(await problemsOf(dir)).toEqual([
      `${file}: redact.0: not a valid regular expression: /(unclosed/: Unterminated group`,
      `${file}: redact.2: not a valid regular expression: /[z-a]/: Range out of order in character class`,
      `${file}: (top level): Unrecognized key: "extra"`,
    ]);
  });

  it('an update cadence past a week is a problem with its path, not a crash at the first promise', async () => {
    const dir = dirWith({
      'oncall.config.yaml':
        'severities:\n  SEV1: { updateEveryMinutes: 999999999999999 }\n  SEV2: { updateEveryMinutes: 10080 }\n',
    });
    expect(await problemsOf(dir)).toEqual([
      `${join(dir, 'oncall.config.yaml')}: severities.SEV1.updateEveryMinutes: at most 10080 (a week); null for none`,
    ]);
  });

  it('accepts a leading (?i) and a named group `secret`', async () => {
    const dir = dirWith({ 'oncall.config.yaml': 'redact: ["(?i)pin=(?<secret>\\\\d+)"]\n' });
    expect((await loadConfig(dir, env(dir))).redact).toEqual(['(?i)pin=(?<secret>\\d+)']);
  });

  it('a folder named like the config is a problem, not silently skipped', async () => {
    const dir = dirWith({});
    mkdirSync(join(dir, 'oncall.config.yaml'));
    mkdirSync(join(dir, 'xdg', 'oncall', 'config.yaml'), { recursive: true });
    expect(await problemsOf(dir)).toEqual([
      `${join(dir, 'oncall.config.yaml')}: is a folder, not a config file. Fix: remove or rename the folder`,
      `${join(dir, 'xdg', 'oncall', 'config.yaml')}: is a folder, not a config file. Fix: remove or rename the folder`,
    ]);
  });

  it('a JavaScript config that throws: its file, the line, and the first line of the error, no stack', async () => {
    const dir = dirWith({ 'oncall.config.mjs': 'throw new Error("boom\\n  at somewhere");' });
    expect(await problemsOf(dir)).toEqual([
      `${join(dir, 'oncall.config.mjs')}:1: cannot be loaded: boom at somewhere`,
    ]);
  });

  it('a JavaScript config still loads as ES module or CommonJS', async () => {
    for (const [name, text] of [
      ['oncall.config.mjs', 'export default { links: { wiki: "https://w" } };'],
      ['oncall.config.js', 'export default { links: { wiki: "https://w" } };'],
      ['oncall.config.cjs', 'module.exports = { links: { wiki: "https://w" } };'],
      ['.oncallrc.js', 'module.exports = { links: { wiki: "https://w" } };'],
    ]) {
      const dir = dirWith({ [name as string]: text as string });
      expect((await loadConfig(dir, env(dir))).links, name).toEqual({ wiki: 'https://w' });
    }
  });

  it('finds the project config in a parent folder, and package.json only with an oncall field', async () => {
    const dir = dirWith({
      'oncall.config.yaml': 'links: { wiki: "https://w" }\n',
    });
    const sub = join(dir, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(dir, 'a', 'package.json'), '{"name": "not-oncall"}');
    const config = await loadConfig(sub, env(dir));
    expect(config.sources).toEqual([join(dir, 'oncall.config.yaml')]);
    writeFileSync(join(dir, 'a', 'package.json'), '{"oncall": {"links": {"pkg": "https://p"}}}');
    expect((await loadConfig(sub, env(dir))).links).toEqual({ pkg: 'https://p' });
  });
});
