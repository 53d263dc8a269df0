// A config load is kept with the files' bytes, oncall's version and Node's:
// the kept copy must be the config itself, used only for those very bytes,
// and never for a config that runs as code or pulls in other files.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefaultSearchPlaces } from 'cosmiconfig';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SEARCH_PLACES } from '../../../../src/infra/config/load.js';
import type { TrustProbe } from '../../../../src/infra/config/trust.js';

const RICH = `runbooks: [./rb, /abs/runbooks]
contacts:
  alice: { name: Alice Ng, role: DBA, phone: "+1 555 0100", reach: [pager, chat] }
  bob: { name: Bob, reach: phone first }
severities:
  SEV2: { updateEveryMinutes: 20 }
  SEV4: { label: cosmetic, updateEveryMinutes: null }
templates: { postmortem: ./pm.md.hbs }
redact: ['token=(?<secret>\\w+)']
links: { dashboard: "https://grafana.example.com/d/web", "__proto__": "https://x.example.com" }
share: { remote: ../team.git, branch: incidents }
channels:
  pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY, timeoutSeconds: 2.5 }
  chat: { type: slack, urlEnv: SLACK_WEBHOOK_URL }
  sms: { type: command, argv: [./bin/send-sms, "+15550100"] }
updates: [chat]
`;

/** A project folder with `files`, a user config, and a data home (where copies are kept). */
function setUp(files: Record<string, string>, user = 'contacts:\n  carol: { name: Carol }\n') {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-config-cache-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'xdg', 'oncall'), { recursive: true });
  writeFileSync(join(dir, 'xdg', 'oncall', 'config.yaml'), user);
  mkdirSync(join(dir, 'home'));
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), ONCALL_HOME: join(dir, 'home') };
  return { dir, env, kept: join(dir, 'home', 'cache', 'config') };
}

const keptFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];

/** Marks the one kept copy: a load that returns the mark used the copy, not the files. */
function mark(dir: string): void {
  const [kept] = keptFiles(dir);
  const entry = JSON.parse(readFileSync(kept as string, 'utf8'));
  entry.config.links.marked = 'from the kept copy';
  writeFileSync(kept as string, JSON.stringify(entry));
}

describe('the kept config', () => {
  it('searches the places cosmiconfig searches, plus the YAML and JSON spellings', () => {
    expect(SEARCH_PLACES).toEqual([
      ...getDefaultSearchPlaces('oncall'),
      'oncall.config.yaml',
      'oncall.config.yml',
      'oncall.config.json',
    ]);
  });

  it.each([
    ['oncall.config.yaml', RICH],
    ['.oncallrc', RICH],
    ['.oncallrc.json', JSON.stringify({ contacts: { dana: { name: 'Dana', reach: ['pager'] } } })],
    ['package.json', JSON.stringify({ name: 'x', oncall: { links: { runbook: 'https://x' } } })],
  ])('is what the files load to, kept or read (%s)', async (name, text) => {
    const { dir, env, kept } = setUp({ [name]: text });
    const read = await loadConfig(dir, env);
    expect(keptFiles(kept)).toHaveLength(1);
    expect(await loadConfig(dir, env)).toStrictEqual(read);
    mark(kept);
    expect((await loadConfig(dir, env)).links.marked).toBe('from the kept copy');
  });

  it('is used only for the same bytes: an edit of the same size and time loads again', async () => {
    const { dir, env, kept } = setUp({ 'oncall.config.yaml': RICH });
    await loadConfig(dir, env);
    mark(kept);
    const file = join(dir, 'oncall.config.yaml');
    writeFileSync(file, RICH.replace('Alice Ng', 'Alice Ny'));
    const config = await loadConfig(dir, env);
    expect(config.links.marked).toBeUndefined();
    expect(config.contacts.alice?.name).toBe('Alice Ny');
    // The user's file is part of it too.
    writeFileSync(
      join(dir, 'xdg', 'oncall', 'config.yaml'),
      'contacts:\n  carol: { name: Caro }\n',
    );
    expect((await loadConfig(dir, env)).contacts.carol?.name).toBe('Caro');
  });

  it('is not kept for a config that runs as code, nor one that pulls in another file', async () => {
    const js = setUp({ 'oncall.config.mjs': 'export default { links: { a: "https://a" } };' });
    expect((await loadConfig(js.dir, js.env)).links.a).toBe('https://a');
    expect(keptFiles(js.kept)).toEqual([]);

    const imports = setUp({
      'oncall.config.yaml': '$import: ./more.yaml\nlinks: { a: "https://a" }\n',
      'more.yaml': 'links: { b: "https://b" }\n',
    });
    expect((await loadConfig(imports.dir, imports.env)).links).toEqual({
      b: 'https://b',
      a: 'https://a',
    });
    expect(keptFiles(imports.kept)).toEqual([]);
    writeFileSync(join(imports.dir, 'more.yaml'), 'links: { b: "https://c" }\n');
    expect((await loadConfig(imports.dir, imports.env)).links.b).toBe('https://c');
  });

  it('is not kept for a config with problems, which are reported every time', async () => {
    const { dir, env, kept } = setUp({ 'oncall.config.yaml': 'contacts:\n  Bob: {}\n' });
    for (let i = 0; i < 2; i++) {
      const error = await loadConfig(dir, env).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
    }
    expect(keptFiles(kept)).toEqual([]);
  });

  it('creates no data home, and passes over a copy it cannot trust or read', async () => {
    const { dir, env, kept } = setUp({ 'oncall.config.yaml': RICH });
    const elsewhere = join(dir, 'not-yet');
    await loadConfig(dir, { ...env, ONCALL_HOME: elsewhere });
    expect(existsSync(elsewhere)).toBe(false);

    await loadConfig(dir, env);
    mark(kept);
    // A copy someone else owns is not taken (the files are checked as the real ones).
    const copy = keptFiles(kept)[0] as string;
    const theirs: TrustProbe = {
      uid: process.getuid?.(),
      stat: (file) => ({ uid: file === copy ? 4242 : (process.getuid?.() ?? 0), mode: 0o100600 }),
    };
    expect((await loadConfig(dir, env, { trust: theirs })).links.marked).toBeUndefined();
    // A damaged copy is loaded over.
    writeFileSync(copy, '{"format":1,');
    expect((await loadConfig(dir, env)).contacts.alice?.name).toBe('Alice Ng');
  });

  it('is loaded again by another oncall version', async () => {
    const { dir, env, kept } = setUp({ 'oncall.config.yaml': RICH });
    await loadConfig(dir, env);
    const [copy] = keptFiles(kept);
    const entry = JSON.parse(readFileSync(copy as string, 'utf8'));
    writeFileSync(copy as string, JSON.stringify({ ...entry, version: '0.0.0-other' }));
    mark(kept);
    expect((await loadConfig(dir, env)).links.marked).toBeUndefined();
  });
});
