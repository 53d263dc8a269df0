// The log stays clean when the disk does not. The kernel itself cuts writes
// short here: bash's `ulimit -f` (RLIMIT_FSIZE, in 1024-byte blocks) makes a
// write past the limit land only up to it, as a disk filling up does. And the
// last safety net (main.ts) for a disk error outside the store. (A file or
// folder in the wrong place: test/integration/infra/store/disk.test.ts.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  logPath,
  oncall,
  type Result,
  readEvents,
  type Sandbox,
  sandbox,
  startIncident,
} from '../../helpers/cli.js';
import { BIN } from '../../helpers/paths.js';
import { expectOneLine, tree } from '../../helpers/refusals.js';

/** `oncall …` with a file size limit of `kib` KiB. Arguments reach node as arguments, never as shell text. */
function oncallLimited(box: Sandbox, kib: number, args: string[]): Result {
  const script = `trap '' XFSZ; ulimit -f "$1" || exit 99; shift; exec "$@"`;
  const r = spawnSync('bash', ['-c', script, 'bash', String(kib), process.execPath, BIN, ...args], {
    cwd: box.cwd,
    env: box.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const START = ['start', '--title', 'Checkout returns 500', '--sev', 'SEV2', '--no-input'];

describe('a write the disk cuts short', () => {
  it('leaves the log byte-identical, exits 1 with one line naming it, and the next note is clean', async () => {
    const box = sandbox();
    await startIncident(box);
    const file = logPath(box);
    // Bring the log to 100 bytes short of 2 KiB, then cap files at 2 KiB.
    const size = () => statSync(file).size;
    const bare = size();
    expect(oncall(box, ['note', 'p']).code).toBe(0);
    const perNote = size() - bare - 1; // a note's line, less its text
    const pad = 2048 - 100 - size() - perNote;
    expect(oncall(box, ['note', 'p'.repeat(pad)]).code).toBe(0);
    expect(size()).toBeGreaterThan(2048 - 200);
    expect(size()).toBeLessThan(2048 - 20);
    const before = readFileSync(file);

    const r = oncallLimited(box, 2, ['note', 'x'.repeat(500)]);
    expectOneLine(
      r,
      1,
      new RegExp(
        `^oncall: cannot write ${file}: the write was cut short .*Nothing was recorded; earlier events are untouched\\.\\n$`,
      ),
    );
    expect(readFileSync(file).equals(before)).toBe(true);

    expect(oncall(box, ['note', 'after the disk had room again']).code).toBe(0);
    const timeline = oncall(box, ['timeline']);
    expect(timeline.code).toBe(0);
    expect(timeline.stderr).toBe(''); // no torn line to warn about
    expect(timeline.stdout).toContain('after the disk had room again');
    expect(readEvents(box).map((e) => e.text)).not.toContain('x'.repeat(500));
  });

  it('a start cut short leaves no incident folder and no temp file', () => {
    const box = sandbox();
    // An opening event longer than 1 KiB, cut at 1 KiB by the kernel.
    const r = oncallLimited(box, 1, [...START, '--runbook', 'none', '--impact', 'i'.repeat(1500)]);
    expectOneLine(r, 1, /^oncall: cannot write \S+\/events\.jsonl: the write was cut short/);
    expect(tree(join(box.home, 'incidents'))).toEqual([]);
    expect(tree(box.home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(oncall(box, ['list']).stdout).toContain('No incidents yet');
  });

  it('a start refused outright (no byte fits) leaves nothing either', () => {
    const box = sandbox();
    const r = oncallLimited(box, 0, [...START, '--runbook', 'none']);
    expectOneLine(r, 1, /^oncall: cannot write \S+\/events\.jsonl: the file would exceed/);
    expect(tree(join(box.home, 'incidents'))).toEqual([]);
  });
});

describe('no temp file is left when a replace fails', () => {
  it('use: the active pointer stays as it was', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    const active = readFileSync(join(box.home, 'active'), 'utf8');
    const r = oncallLimited(box, 0, ['use', id]);
    expectOneLine(r, 1, new RegExp(`^oncall: cannot write ${join(box.home, 'active')}: `));
    expect(readFileSync(join(box.home, 'active'), 'utf8')).toBe(active);
    expect(tree(box.home).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('postmortem: no draft, no temp file, one line', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    const r = oncallLimited(box, 0, ['postmortem']);
    expectOneLine(r, 1, /^oncall: cannot write \S+\/postmortem\.md: the file would exceed/);
    expect(tree(join(box.home, 'incidents', id))).toEqual(['events.jsonl']);
  });
});

describe('the last safety net', () => {
  it('a disk error outside the store is still one line naming the path, exit 1', () => {
    const box = sandbox();
    const configHome = box.env.XDG_CONFIG_HOME as string;
    writeFileSync(configHome, ''); // where `init --user` makes its folder
    const r = oncall(box, ['init', '--user']);
    expectOneLine(
      r,
      1,
      new RegExp(
        `^oncall: cannot create ${configHome}[^:]*: (${configHome}|it) is a file where a folder should be\\. Move it away\\.\\n$`,
      ),
    );
  });
});

describe('--out on a disk that says no: exit 1 naming the path, nothing half-written', () => {
  it.each([
    ['postmortem', '--out', 'draft.md'],
    ['escalate', '--to', 'bob', '--ask', 'help', '--no-send', '--out', 'draft.md'],
  ])('`%s`', async (...args) => {
    const box = sandbox();
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), 'contacts:\n  bob: { name: Bob }\n');
    await startIncident(box);
    const before = readFileSync(logPath(box));
    const r = oncallLimited(box, 0, args);
    expectOneLine(r, 1, /^oncall: cannot write \S+\/draft\.md: the file would exceed/);
    expect(readdirSync(box.cwd).filter((f) => f.includes('draft'))).toEqual([]);
    expect(readFileSync(logPath(box))).toEqual(before);
  });
});
