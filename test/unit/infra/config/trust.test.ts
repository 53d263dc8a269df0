// A config is loaded only when the current user owns it and nobody else can
// write it. Tests run as root, so who we are and who owns the file are injected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../src/infra/config/load.js';
import { distrust, type TrustProbe } from '../../../../src/infra/config/trust.js';

const as = (uid: number | undefined, owner: number, mode: number): TrustProbe => ({
  uid,
  stat: () => ({ uid: owner, mode }),
});

describe('distrust', () => {
  it('accepts a file you own that only you can write', () => {
    expect(distrust('/home/a/oncall.config.yaml', as(1000, 1000, 0o100644))).toBeUndefined();
    expect(distrust('/home/a/oncall.config.yaml', as(1000, 1000, 0o100600))).toBeUndefined();
  });

  it('refuses a file owned by someone else, naming the file and the fix', () => {
    const reason = distrust('/tmp/oncall.config.js', as(1000, 1001, 0o100644));
    expect(reason).toBe(
      '/tmp/oncall.config.js: owned by uid 1001, not by you (uid 1000); a config runs code and names the commands you run. Fix: if it is yours, `chown 1000 /tmp/oncall.config.js`; if not, delete it',
    );
  });

  it('accepts root-owned files only when running as root', () => {
    expect(distrust('/oncall.config.yaml', as(1000, 0, 0o100644))).toMatch(
      /owned by root, not by you/,
    );
    expect(distrust('/oncall.config.yaml', as(0, 0, 0o100644))).toBeUndefined();
  });

  it('refuses a file that group or others can write, even your own', () => {
    expect(distrust('/x/c.yaml', as(1000, 1000, 0o100664))).toMatch(
      /^\/x\/c\.yaml: writable by group; .* Fix: `chmod go-w \/x\/c\.yaml`$/,
    );
    expect(distrust('/x/c.yaml', as(1000, 1000, 0o100646))).toMatch(/writable by others;/);
    expect(distrust('/x/c.yaml', as(0, 0, 0o100666))).toMatch(/writable by group and others;/);
  });

  it('a file that cannot be examined is not loaded either', () => {
    const gone: TrustProbe = {
      uid: 1000,
      stat: () => {
        throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      },
    };
    expect(distrust('/x/c.yaml', gone)).toBe(
      '/x/c.yaml: cannot be checked (ENOENT); fix its permissions or remove it',
    );
  });

  it('has nothing to check where there are no uids (Windows)', () => {
    expect(distrust('C:\\x\\c.yaml', as(undefined, 0, 0o100666))).toBeUndefined();
  });
});

describe('loadConfig refuses before it runs anything', () => {
  it('a JavaScript config owned by someone else is never executed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-trust-'));
    const marker = join(dir, 'ran');
    writeFileSync(
      join(dir, 'oncall.config.mjs'),
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`,
    );
    const someoneElse: TrustProbe = { uid: 1000, stat: () => ({ uid: 1001, mode: 0o100644 }) };
    const error = await loadConfig(
      dir,
      { XDG_CONFIG_HOME: join(dir, 'xdg') },
      { trust: someoneElse },
    )
      .then(() => undefined)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^refusing config: .*oncall\.config\.mjs: owned by uid 1001/);
    expect(error.message).not.toContain('\n');
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('the same file, yours, is loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-trust-'));
    writeFileSync(
      join(dir, 'oncall.config.mjs'),
      'export default { links: { wiki: "https://w" } };',
    );
    const you: TrustProbe = { uid: 1000, stat: () => ({ uid: 1000, mode: 0o100644 }) };
    const config = await loadConfig(dir, { XDG_CONFIG_HOME: join(dir, 'xdg') }, { trust: you });
    expect(config.links).toEqual({ wiki: 'https://w' });
  });
});
