// `oncall run` told to stop: Ctrl-C (SIGINT to its process group), SIGTERM and SIGHUP are passed on to the command,
// its end is recorded as Ctrl-C's is, and oncall exits 128+n; a command that
// ignores the signal is killed after the grace period. SIGKILL cannot be
// caught: the command is tied to oncall's life (setpriv --pdeathsig), so it is
// gone soon after oncall is. Every wait polls with a deadline. Each test is
// its own sandbox and processes, so they run at once (one waits out the grace
// period).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { readEvents, type Sandbox, sandbox, startIncident } from '../../helpers/cli.js';
import { BIN } from '../../helpers/paths.js';
import { waitUntil } from '../../helpers/pty.js';

/** A child that says its pid in a file, prints a line, and waits; `ignoreTerm` shrugs off SIGTERM, `slowHangUp` ends 200 ms after a SIGHUP. */
function childScript(ignoreTerm = false, slowHangUp = false): string {
  return [
    "require('node:fs').writeFileSync(process.argv[1], String(process.pid));",
    ignoreTerm ? "process.on('SIGTERM', () => console.log('not stopping'));" : '',
    slowHangUp ? "process.once('SIGHUP', () => setTimeout(() => process.exit(3), 200));" : '',
    slowHangUp ? "process.on('SIGHUP', () => {});" : '',
    "console.log('waiting for a signal');",
    'setInterval(() => {}, 1000);',
  ].join(' ');
}

interface Running {
  oncall: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  childPid: () => number;
}

/** `oncall run -- node -e <child> <pidfile>`, spawned as a user would, with the child up and running. */
async function runChild(box: Sandbox, ignoreTerm = false, slowHangUp = false): Promise<Running> {
  const pidFile = join(box.dir, `child-${Math.random().toString(36).slice(2)}.pid`);
  const oncall = spawn(
    process.execPath,
    [BIN, 'run', '--', process.execPath, '-e', childScript(ignoreTerm, slowHangUp), pidFile],
    { cwd: box.cwd, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  oncall.stdout?.on('data', (d) => {
    out += d;
  });
  oncall.stderr?.on('data', (d) => {
    err += d;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    oncall.on('close', (code, signal) => done({ code, signal })),
  );
  await waitUntil('the child wrote its pid and its first line', () => {
    return existsSync(pidFile) && out.includes('waiting for a signal');
  });
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return { oncall, stderr: () => err, exit, childPid: () => pid };
}

/** True while `pid` is a live process (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

const finished = (box: Sandbox) => readEvents(box).filter((e) => e.type === 'command.finished');

describe.concurrent('oncall run and signals', () => {
  describe('oncall run, told to stop', () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      it(`${signal}: passed on to the command, its end recorded, exit ${code}`, async ({
        expect,
      }) => {
        const box = sandbox();
        await startIncident(box);
        const run = await runChild(box);
        run.oncall.kill(signal);
        const { code: exitCode } = await run.exit;
        expect(exitCode, run.stderr()).toBe(code);
        expect(alive(run.childPid())).toBe(false);
        expect(finished(box)).toEqual([
          expect.objectContaining({
            exitCode: null,
            signal,
            interrupted: true,
            durationMs: expect.any(Number),
            outputTail: 'waiting for a signal',
          }),
        ]);
        expect(run.stderr()).toMatch(
          new RegExp(
            `recorded \`.*\`: killed by ${signal} after \\d+s \\(oncall got ${signal} and passed it on\\)\\n$`,
          ),
        );
      });
    }

    it('a hang-up repeated while the end is being recorded does not kill oncall before it is', async ({
      expect,
    }) => {
      // A closed terminal hangs up oncall, and emulators often send their own SIGHUP
      // after: whenever the repeat lands, oncall records the end and exits 129.
      const box = sandbox();
      await startIncident(box);
      const run = await runChild(box, false, true);
      run.oncall.kill('SIGHUP');
      const repeat = setInterval(() => run.oncall.kill('SIGHUP'), 5);
      const end = await run.exit.finally(() => clearInterval(repeat));
      // A repeat landing while Node tears down (its handlers gone) ends it by the
      // signal after the end is recorded: a shell says 129 either way.
      expect([end.code, end.signal], run.stderr()).toSatisfy(
        ([code, signal]) => code === 129 || signal === 'SIGHUP',
      );
      expect(run.stderr()).toContain('oncall got SIGHUP and passed it on');
      expect(finished(box)).toEqual([expect.objectContaining({ exitCode: 3, interrupted: true })]);
    });

    it('a command that ignores SIGTERM is killed after the grace period, and that is recorded', async ({
      expect,
    }) => {
      const box = sandbox();
      await startIncident(box);
      const run = await runChild(box, true);
      run.oncall.kill('SIGTERM');
      const { code } = await run.exit;
      expect(code).toBe(143);
      expect(finished(box)).toEqual([
        expect.objectContaining({
          signal: 'SIGKILL',
          interrupted: true,
          outputTail: 'waiting for a signal\nnot stopping',
        }),
      ]);
      expect(finished(box)[0]?.durationMs).toBeGreaterThanOrEqual(2_000);
    });
  });

  describe('oncall killed outright (SIGKILL)', () => {
    it('takes the command with it (Linux: setpriv --pdeathsig)', async ({ expect }) => {
      const box = sandbox();
      await startIncident(box);
      const run = await runChild(box);
      expect(alive(run.childPid())).toBe(true);
      run.oncall.kill('SIGKILL');
      await run.exit;
      await waitUntil('the child is gone', () => !alive(run.childPid()), 5_000);
      // Nothing could record the end: the log says it started, for `status` and `resume` to tell.
      expect(readEvents(box).at(-1)).toMatchObject({ type: 'command.started' });
    });
  });

  describe('oncall run and Ctrl-C', () => {
    it('records how an interrupted command ended, and exits like a shell would', async ({
      expect,
    }) => {
      const { spawn } = await import('node:child_process');
      const { BIN } = await import('../../helpers/paths.js');
      const box = sandbox();
      await startIncident(box);
      // Its own process group, so the signal reaches oncall and the command together,
      // as Ctrl-C in a terminal does.
      const child = spawn(
        process.execPath,
        [BIN, 'run', '--', 'node', '-e', 'console.log("waiting"); setInterval(() => {}, 1000)'],
        { cwd: box.cwd, env: box.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error('the command never started')), 15_000);
        child.stdout.on('data', () => {
          if (out.includes('waiting')) {
            clearTimeout(timer);
            ready();
          }
        });
      });
      process.kill(-(child.pid as number), 'SIGINT');
      const code = await new Promise((done) => child.on('close', done));
      expect(code).toBe(130);
      const finished = readEvents(box).find((e) => e.type === 'command.finished');
      expect(finished).toMatchObject({ signal: 'SIGINT', exitCode: null });
      expect(finished?.outputTail).toContain('waiting');
    });
  });
});
