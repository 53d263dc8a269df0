import { mkdtempSync, writeFileSync } from 'node:fs';
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

describe('loadConfig', () => {
  it('applies defaults with zero config', async () => {
    const dir = dirWith({});
    const config = await loadConfig(dir, env(dir));
    expect(config.sources).toEqual([]);
    expect(config.severities.SEV1.updateEveryMinutes).toBe(15);
    expect(config.severities.SEV4.updateEveryMinutes).toBeNull();
    expect(config.contacts).toEqual({});
  });

  it('resolves paths against the config file and overrides severities field by field', async () => {
    const dir = dirWith({
      'oncall.config.yaml':
        'runbooks: [./rb]\ntemplates: { postmortem: ./pm.md.hbs }\nseverities:\n  SEV2: { updateEveryMinutes: 20 }\ncontacts:\n  alice: { name: Alice }\n',
    });
    const config = await loadConfig(dir, env(dir));
    expect(config.runbookDirs).toEqual([join(dir, 'rb')]);
    expect(config.templates.postmortem).toBe(join(dir, 'pm.md.hbs'));
    expect(config.severities.SEV2).toMatchObject({ label: 'major', updateEveryMinutes: 20 });
    expect(config.contacts.alice?.name).toBe('Alice');
  });

  it('reads channels, updates and reach lists; a command path is relative to the file', async () => {
    const dir = dirWith({
      'oncall.config.yaml': [
        'channels:',
        '  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, baseUrl: https://events.eu.pagerduty.com }',
        '  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }',
        '  sms: { type: command, argv: [./bin/send-sms, "+15550100"] }',
        'updates: [chat]',
        'contacts:',
        '  alice: { name: Alice Ng, reach: [pager, chat] }',
        '  bob: { name: Bob, reach: phone first }',
      ].join('\n'),
    });
    const config = await loadConfig(dir, env(dir));
    expect(config.channels.pager).toEqual({
      type: 'pagerduty',
      routingKeyEnv: 'PD_ROUTING_KEY',
      baseUrl: 'https://events.eu.pagerduty.com',
    });
    expect(config.channels.sms).toEqual({
      type: 'command',
      argv: [join(dir, 'bin', 'send-sms'), '+15550100'],
    });
    expect(config.updates).toEqual(['chat']);
    expect(config.contacts.alice?.reach).toEqual(['pager', 'chat']);
    expect(config.contacts.bob?.reach).toBe('phone first');
  });

  it('refuses a secret written into the file and an unknown channel type', async () => {
    const dir = dirWith({
      'oncall.config.yaml':
        'channels:\n  chat: { type: slack, url: "https://hooks.slack.com/services/x" }\n  fax: { type: fax }\n',
    });
    const error = await loadConfig(dir, env(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('channels.chat');
    expect(problems).toContain('channels.fax.type');
  });

  it('reports every problem at once, each with file and path', async () => {
    const dir = dirWith({
      '.oncallrc.json': JSON.stringify({
        contacts: { Bob: { role: 'db' } },
        runbooks: 'x',
        extra: 1,
      }),
    });
    const error = await loadConfig(dir, env(dir)).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(2);
    const file = join(dir, '.oncallrc.json');
    expect(error.problems).toEqual([
      `${file}: runbooks: expected array, received string`,
      `${file}: contacts.Bob.name: required, but missing`,
      `${file}: (top level): Unrecognized key: "extra"`,
    ]);
  });

  it('merges the user config under the project config, contacts by key', async () => {
    const dir = dirWith({ 'oncall.config.yaml': 'contacts:\n  alice: { name: Alice Project }\n' });
    const xdg = join(dir, 'xdg', 'oncall');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(xdg, { recursive: true });
    writeFileSync(
      join(xdg, 'config.yaml'),
      'contacts:\n  alice: { name: Alice User }\n  bob: { name: Bob }\n',
    );
    const config = await loadConfig(dir, env(dir));
    expect(config.sources).toEqual([join(dir, 'oncall.config.yaml'), join(xdg, 'config.yaml')]);
    expect(config.contacts.alice?.name).toBe('Alice Project');
    expect(config.contacts.bob?.name).toBe('Bob');
  });
});
