// Commands with configs that must be refused or reported: one line naming
// the file and the fix, exit 2, no stack trace, and nothing run meanwhile.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, readEvents, sandbox, startIncident } from '../../../helpers/in-process.js';

function expectOneLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('a config others can write', () => {
  it('is refused before it is read, for every command that loads config', async () => {
    const box = sandbox();
    const file = join(box.cwd, 'oncall.config.yaml');
    writeFileSync(file, 'links: { wiki: "https://w" }\n');
    chmodSync(file, 0o664);
    for (const args of [['config'], ['doctor'], ['runbook', 'list']]) {
      expectOneLine(
        await oncall(box, args),
        new RegExp(
          `^oncall: refusing config: ${file}: writable by group; .*Fix: \`chmod go-w ${file}\``,
        ),
      );
    }
    chmodSync(file, 0o644);
    expect((await oncall(box, ['config'])).code).toBe(0);
  });

  it('a group-writable JavaScript config is never run', async () => {
    const box = sandbox();
    const marker = join(box.dir, 'ran');
    const file = join(box.cwd, 'oncall.config.mjs');
    writeFileSync(
      file,
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`,
    );
    chmodSync(file, 0o666);
    expectOneLine(
      await oncall(box, ['config']),
      /^oncall: refusing config: .*writable by group and others/,
    );
    expect(existsSync(marker)).toBe(false);
  });
});

describe('configs that cannot be loaded', () => {
  it('a folder named like the config', async () => {
    const box = sandbox();
    mkdirSync(join(box.cwd, 'oncall.config.yaml'));
    expectOneLine(
      await oncall(box, ['config']),
      /^oncall: invalid config: .*oncall\.config\.yaml: is a folder, not a config file\. Fix: remove or rename the folder$/m,
    );
  });

  it('a JavaScript config that throws', async () => {
    const box = sandbox();
    writeFileSync(join(box.cwd, 'oncall.config.mjs'), 'throw new TypeError("no such thing");\n');
    expectOneLine(
      await oncall(box, ['doctor']),
      /^oncall: invalid config: .*oncall\.config\.mjs:1: cannot be loaded: TypeError: no such thing$/m,
    );
  });
});

describe('redact patterns in config', () => {
  it('an invalid one is reported by config and doctor, and oncall run stops before running anything', async () => {
    const box = sandbox();
    await startIncident(box);
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'redact: ["(unclosed"]\n');
    const problem =
      /^oncall: invalid config: .*oncall\.config\.yaml: redact\.0: not a valid regular expression: \/\(unclosed\/: Unterminated group$/m;
    expectOneLine(await oncall(box, ['config']), problem);
    expectOneLine(await oncall(box, ['doctor']), problem);
    const marker = join(box.dir, 'ran');
    expectOneLine(await oncall(box, ['run', '--', 'touch', marker]), problem);
    expect(existsSync(marker)).toBe(false);
  });

  it('a catastrophic one: oncall run finishes promptly, records the command and withholds the output', async () => {
    const box = sandbox({ DB_PASSWORD: 'hunter2x' });
    await startIncident(box);
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'redact: ["(a+)+$"]\n');
    const t0 = Date.now();
    const r = await oncall(box, [
      'run',
      '--',
      'node',
      '-e',
      "process.stdout.write('a'.repeat(3000) + '!')",
    ]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: redact pattern "(a+)+$" from config ran over 200 ms');
    const events = readEvents(box);
    const started = events.find((e) => e.type === 'command.started');
    const finished = events.find((e) => e.type === 'command.finished');
    expect(started?.argv).toEqual(['node', '-e', "process.stdout.write('a'.repeat(3000) + '!')"]);
    expect(finished).toMatchObject({
      exitCode: 0,
      outputTail: expect.stringMatching(/^\[withheld: /),
    });
    expect(JSON.stringify(events)).not.toContain('aaaaaaaaaa');
  });

  it('doctor flags the catastrophic one before the rotation', async () => {
    const box = sandbox();
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'redact: ["(a+)+$", "CUST-\\\\d+"]\n');
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ redact pattern "\(a\+\)\+\$" backtracks: it ran over 100 ms/m);
    expect(r.stdout).not.toContain('redact pattern "CUST');
  });
});
