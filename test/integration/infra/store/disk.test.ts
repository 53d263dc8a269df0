// A file where the data folder should be, or a folder where the log should be:
// one line naming it and the fix, exit 1, nothing created. Tests run as root,
// so permission bits cannot be provoked; these can. (Writes the kernel cuts
// short, `ulimit -f`, need the real process: test/e2e/flows/disk.test.ts.)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, sandbox, startIncident } from '../../../helpers/in-process.js';
import { expectOneLine, tree } from '../../../helpers/refusals.js';

const START = ['start', '--title', 'Checkout returns 500', '--sev', 'SEV2', '--no-input'];

describe('ONCALL_HOME that is not a folder', () => {
  const commands = [
    [...START, '--runbook', 'none'],
    ['note', 'hello'],
    ['list'],
    ['status'],
    ['use', 'some-incident'],
    ['timeline'],
  ];

  it.each(commands)(
    'is a regular file: `%s` exits 1 with one line naming it, creates nothing',
    async (...args) => {
      const box = sandbox();
      writeFileSync(box.home, 'not a folder\n');
      const r = await oncall(box, args);
      expectOneLine(
        r,
        1,
        new RegExp(
          `${box.home}[^:]*: (${box.home}|it) is a file where a folder should be\\. Move it away`,
        ),
      );
      expect(readFileSync(box.home, 'utf8')).toBe('not a folder\n');
      expect(tree(box.dir)).toEqual(['home']);
    },
  );

  it('is a regular file: doctor names it and the fix', async () => {
    const box = sandbox();
    writeFileSync(box.home, '');
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `✗ data folder: cannot create ${box.home}: it is a file where a folder should be. Move it away, or set ONCALL_HOME to another folder.`,
    );
  });

  it('lies under a regular file: start exits 1 with one line naming that file', async () => {
    const box = sandbox();
    writeFileSync(box.home, '');
    const below = join(box.home, 'oncall');
    const r = await oncall({ ...box, env: { ...box.env, ONCALL_HOME: below } }, [
      ...START,
      '--runbook',
      'none',
    ]);
    expectOneLine(r, 1, new RegExp(`: ${box.home} is a file where a folder should be`));
    expect(tree(box.dir)).toEqual(['home']);
  });
});

describe('a folder where the log should be', () => {
  const commands = [
    ['note', 'hello'],
    ['note', '--at', '5m ago', 'hello'],
    ['run', '--', 'true'],
    ['status'],
    ['sev', '1'],
    ['mitigate'],
    ['timeline'],
    ['export', '--json'],
    ['postmortem'],
    [],
  ];

  const named = commands.map((args) => [args.join(' ') || '(bare oncall)', args] as const);
  it.each(named)('`%s` exits 1 with one line naming the log, no stack', async (_, args) => {
    const box = sandbox();
    const id = await startIncident(box);
    const file = logPath(box, id);
    rmSync(file);
    mkdirSync(file);
    const r = await oncall(box, [...args]);
    expectOneLine(
      r,
      1,
      new RegExp(`^oncall: cannot (read|write) ${file}: it is a folder where a file should be`),
    );
  });

  it('a start after it still opens its incident and says the old one is open', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    rmSync(logPath(box, id));
    mkdirSync(logPath(box, id));
    const r = await oncall(box, [...START, '--title', 'Second', '--runbook', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('doctor looks inside the data folder', () => {
  it('incidents/ that is a file fails the data-folder check, naming it', async () => {
    const box = sandbox();
    mkdirSync(box.home);
    writeFileSync(join(box.home, 'incidents'), '');
    const r = await oncall(box, ['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `✗ data folder: ${join(box.home, 'incidents')} is a file where a folder should be.`,
    );
  });
});
