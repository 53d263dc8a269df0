// The everyday commands' bundles leave yaml, markdown-it, zod's classic API and
// handlebars' compiler out (scripts/side-bundle.mjs): dist/side-libraries.cjs
// is required only when a runbook's or a config's parse is not cached, or a
// team's own template is to be compiled. Proven on the built bin: a miss reads
// the runbook, checks the config and renders the template exactly as the full
// CLI does, and a run whose parses are cached never loads the side libraries.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Sandbox, sandbox, startIncident, viaFullCli } from '../../helpers/cli.js';
import { BIN, ROOT } from '../../helpers/paths.js';

/** Preloaded: says, as the process ends, whether the side libraries were loaded. */
const PROBE =
  'process.on("exit", () => require("fs").writeSync(2, "\\nside libraries loaded: " + Object.keys(require.cache).some((k) => k.endsWith("side-libraries.cjs")) + "\\n"))';

/** A status without its times since (`0s since start`): two runs may straddle a second. */
const steady = (text: string) => text.replace(/\b\d+[dhms]\b/g, '#');

/** The user's config file in `box` (its folder made): written by each test as it needs. */
function userConfig(box: Sandbox): string {
  const file = join(box.env.XDG_CONFIG_HOME as string, 'oncall', 'config.yaml');
  mkdirSync(join(file, '..'), { recursive: true });
  return file;
}

/** The built bin, run as a responder runs it, with the probe. */
function oncall(box: Sandbox, args: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `${PROBE}; process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)})`,
      ...args,
    ],
    { cwd: box.cwd, env: box.env, encoding: 'utf8' },
  );
  const [stderr, loaded] = r.stderr.split('\nside libraries loaded: ');
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: stderr ?? '',
    loaded: loaded?.trim() === 'true',
  };
}

describe('the libraries only a cache miss needs', () => {
  it('read a runbook changed since its parse, and are not loaded once it is cached', async () => {
    const box = sandbox();
    const runbook = join(box.cwd, 'api-latency.md');
    copyFileSync(join(ROOT, 'examples', 'runbooks', 'api-latency.md'), runbook);
    const start = ['start', '--title', 'Slow API', '--sev', 'SEV2', '--no-input'];
    expect((await viaFullCli(box, [...start, '--runbook', runbook])).code).toBe(0);
    // A step added since: the parse kept at the start no longer fits the file.
    appendFileSync(runbook, '\n## Tell the API team\n\nPost in #api.\n');
    const missed = oncall(box, ['status']);
    expect([missed.code, missed.stderr]).toEqual([0, '']);
    expect(missed.loaded).toBe(true);
    expect(missed.stdout).toMatch(/Runbook: API latency is high \(api-latency\)/);
    expect(steady(missed.stdout)).toBe(steady((await viaFullCli(box, ['status'])).stdout));
    const cached = oncall(box, ['status']);
    expect(cached.loaded).toBe(false);
    expect(steady(cached.stdout)).toBe(steady(missed.stdout));
  });

  it('check a config as the full CLI does, and are not loaded once its parse is cached', async () => {
    const box = sandbox();
    await startIncident(box);
    const configFile = userConfig(box);
    writeFileSync(configFile, 'contacts:\n  dana: { name: Dana, phone: 5550100 }\n  erin: 3\n');
    const escalate = ['escalate', '--to', 'dana', '--ask', 'a look', '--no-send'];
    const bad = oncall(box, escalate);
    expect(bad.loaded).toBe(true);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/contacts\.dana\.phone: .*contacts\.erin: /);
    const full = await viaFullCli(box, escalate);
    expect([bad.code, bad.stderr]).toEqual([full.code, full.stderr]);
    writeFileSync(
      configFile,
      'contacts:\n  dana: { name: Dana, phone: "+1 555 0100", reach: page }\n',
    );
    const read = oncall(box, escalate);
    expect([read.code, read.loaded]).toEqual([0, true]);
    expect(read.stderr).toMatch(/^Escalation to Dana recorded at /);
    const cached = oncall(box, escalate);
    expect([cached.code, cached.loaded]).toEqual([0, false]);
  });

  it("compile a team's own template as the full CLI does, and are not loaded for the bundled ones", async () => {
    const box = sandbox();
    await startIncident(box);
    const own = join(box.cwd, 'update.md.hbs');
    writeFileSync(own, '{{title}} ({{severity}}): {{text}}, started {{started}}\n');
    const configFile = userConfig(box);
    writeFileSync(configFile, `templates:\n  update: ${JSON.stringify(own)}\n`);
    const update = (text: string) => ['update', '--no-post', text];
    expect(oncall(box, update('Pool drained')).code).toBe(0); // the config read and kept
    const fast = oncall(box, update('Pool drained'));
    expect([fast.code, fast.loaded]).toEqual([0, true]);
    expect(fast.stdout).toMatch(
      /^Checkout returns 500 \(SEV2\): Pool drained, started .*\d\d:\d\d/,
    );
    expect(fast.stdout).toBe((await viaFullCli(box, update('Pool drained'))).stdout);
    writeFileSync(configFile, 'contacts: {}\n');
    expect(oncall(box, update('Pool refilled')).code).toBe(0);
    const bundled = oncall(box, update('Pool refilled'));
    expect([bundled.code, bundled.loaded]).toEqual([0, false]);
    expect(bundled.stdout).toContain('Pool refilled');
  });
});
