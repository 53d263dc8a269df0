// `oncall capture on|off` and the recorder they start, in process: the test
// writes into the terminal's FIFO what each shell's hook writes, and reads the
// log the recorder keeps. (test/e2e/capture/ types into real shells.)
import {
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli.js';
import { captureOffAction, captureOnAction } from '../../../../src/commands/capture/capture.js';
import {
  captureOffCommand,
  captureOnCommand,
} from '../../../../src/commands/capture/definition.js';
import { hookCommand } from '../../../../src/commands/hook/definition.js';
import { hook } from '../../../../src/commands/hook/hook.js';
import { resolveCommand } from '../../../../src/commands/milestone/definition.js';
import { milestoneCommand } from '../../../../src/commands/milestone/milestone.js';
import {
  Captured,
  eventsOf,
  startIncidentIn,
  type TestContext,
  testContext,
} from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { waitUntil } from '../../../helpers/pty.js';

/** The vitest worker's parent stands in for the terminal's shell: alive, and an ancestor. */
const SESSION = `${process.ppid}-4242`;
const T = Date.parse('2026-03-12T02:20:00.000Z');
const running: Promise<number>[] = [];
const terminals: TestContext[] = [];

/** A terminal with the hook: `capture on` starts its recorder in this process. */
function terminal(env: NodeJS.ProcessEnv = {}): TestContext {
  const ctx = testContext({ env: { ONCALL_CAPTURE_SESSION: SESSION, ...env } });
  terminals.push(ctx);
  ctx.startBackground = (args) => {
    // The recorder's own output goes nowhere, as a detached process's does.
    let ended: number | undefined;
    const run = runCli(['node', 'oncall', ...args], {
      ...ctx,
      stdout: new Captured(),
      stderr: new Captured(),
    }).then((code) => {
      ended = code;
      return code;
    });
    running.push(run);
    return { ended: () => ended, stop: () => undefined };
  };
  return ctx;
}

const fifoOf = (ctx: TestContext) => join(ctx.home, 'capture', `${SESSION}.fifo`);

/** Writes what a hook writes: the recorder holds the FIFO, so opening it never blocks. */
function hookWrites(ctx: TestContext, text: string): void {
  const fd = openSync(fifoOf(ctx), constants.O_WRONLY | constants.O_NONBLOCK);
  writeSync(fd, text);
  closeSync(fd);
}

const record = (...fields: (string | number)[]) => `${fields.join('\t')}\n`;
const bashRecord = (seq: number, line: string, exit: number, cwd = '/srv') =>
  `${record('oncall1', 'F', 'bash', SESSION, seq, `${T + seq * 1000}000`, `${(T + seq * 1000 + 250) / 1000}`, exit, exit, '', 'h', cwd)}  ${100 + seq}  ${line}\noncall1\tE\n`;

const typed = (ctx: TestContext) =>
  eventsOf(ctx).filter((e) => e.type === 'command.started' && e.via === 'shell');

afterEach(async () => {
  // A recorder still running (a test that failed half-way) sees its `.on` file go, and ends.
  for (const ctx of terminals.splice(0))
    rmSync(join(ctx.home, 'capture', `${SESSION}.on`), { force: true });
  await Promise.all(running.splice(0));
});

describe('capture on, in a terminal with the hook', () => {
  it('records typed commands, redacted, with their times, exit codes and directories; stops at resolve', async () => {
    const ctx = terminal({ DB_PASSWORD: 'hunter2-from-env' });
    await startIncidentIn(ctx);
    await invoke(ctx, captureOnAction, captureOnCommand);
    expect(ctx.stdout.take()).toMatch(/^Recording the commands typed in this terminal into /);
    hookWrites(
      ctx,
      [
        bashRecord(1, 'kubectl -n web get pods', 0),
        bashRecord(2, ' kubectl get secret db -o yaml', 0),
        bashRecord(3, 'mysql -pS3cret -e "select 1"', 1, '/home/alice'),
        bashRecord(4, 'oncall note "pods look fine"', 0),
        record(
          'oncall1',
          'S',
          'zsh',
          SESSION,
          9,
          '1773282000.5',
          '',
          '',
          '',
          '',
          'b',
          '/tmp',
          'psql "$DB_URL" -c "select 1" # hunter2-from-env',
        ),
        record(
          'oncall1',
          'F',
          'zsh',
          SESSION,
          9,
          '1773282000.5',
          '1773282002.5',
          '0',
          '2 0',
          '',
          'b',
          '/tmp',
          'psql "$DB_URL" -c "select 1" # hunter2-from-env',
        ),
      ].join(''),
    );
    await waitUntil('the typed commands in the log', () => typed(ctx).length === 3);
    const events = eventsOf(ctx);
    const text = JSON.stringify(events);
    expect(text).not.toContain('S3cret');
    expect(text).not.toContain('hunter2-from-env');
    expect(text).not.toContain('secret db');
    const runs = typed(ctx).map((e) => {
      const end = events.find((f) => f.type === 'command.finished' && f.runId === e.runId);
      return [e.argv, e.shell, e.cwd, e.ts, end?.exitCode, end?.pipestatus, end?.ts];
    });
    expect(runs).toEqual([
      [
        ['kubectl -n web get pods'],
        'bash',
        '/srv',
        '2026-03-12T02:20:01.000Z',
        0,
        undefined,
        '2026-03-12T02:20:01.250Z',
      ],
      [
        ['mysql -p[REDACTED] -e "select 1"'],
        'bash',
        '/home/alice',
        '2026-03-12T02:20:03.000Z',
        1,
        undefined,
        '2026-03-12T02:20:03.250Z',
      ],
      [
        ['psql "$DB_URL" -c "select 1" # [REDACTED]'],
        'zsh',
        '/tmp',
        '2026-03-12T02:20:00.500Z',
        0,
        [2, 0],
        '2026-03-12T02:20:02.500Z',
      ],
    ]);
    expect(events.every((e) => e.recordedAt === undefined)).toBe(true);

    await invoke(ctx, milestoneCommand, resolveCommand, { summary: [] }, { milestone: 'resolve' });
    expect(ctx.stdout.take()).toContain('Stopped recording 1 terminal.');
    // Typed after the resolve, before the recorder noticed: not recorded.
    hookWrites(ctx, bashRecord(5, 'kubectl -n web delete pod web-1', 0));
    await waitUntil('the recorder gone', () => !existsSync(fifoOf(ctx)), 20_000);
    expect(typed(ctx)).toHaveLength(3);
  });

  it('is refused without the hook, in an oncall shell, and for a drill unless asked', async () => {
    const bare = testContext();
    await startIncidentIn(bare);
    await expect(invoke(bare, captureOnAction, captureOnCommand)).rejects.toThrow(
      /this terminal has no oncall hook\. Add eval "\$\(oncall hook bash\)"/,
    );
    const inShell = terminal({ ONCALL_SHELL: '1', ONCALL_INCIDENT: 'x' });
    await expect(invoke(inShell, captureOnAction, captureOnCommand)).rejects.toThrow(
      /this is an oncall shell for x/,
    );
    const other = terminal({ ONCALL_CAPTURE_SESSION: '1-1' });
    await expect(invoke(other, captureOnAction, captureOnCommand)).rejects.toThrow(
      /names another shell \(pid 1\)/,
    );
    const drill = terminal();
    await startIncidentIn(drill);
    const id = eventsOf(drill)[0]?.incident as string;
    // A drill's log: every event marked as practice.
    const { writeFileSync, readFileSync } = await import('node:fs');
    const log = join(drill.home, 'incidents', id, 'events.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replaceAll('"type":', '"drill":true,"type":'));
    await expect(invoke(drill, captureOnAction, captureOnCommand)).rejects.toThrow(
      /is a drill: commands typed are not recorded unless you ask \(oncall capture on --drill\)/,
    );
  });

  it('a recorder that ends before it is ready is said at once, stopped, and its FIFO removed', async () => {
    const ctx = terminal();
    await startIncidentIn(ctx);
    let stopped = 0;
    ctx.startBackground = () => ({ ended: () => 3, stop: () => void stopped++ });
    await expect(invoke(ctx, captureOnAction, captureOnCommand)).rejects.toThrow(
      /the recorder ended before it was ready \(exit code 3\); try `oncall capture on` again\./,
    );
    expect(stopped).toBe(1);
    expect(existsSync(fifoOf(ctx))).toBe(false);
  });

  it('off stops the recorder; said so when the terminal was not recorded', async () => {
    const ctx = terminal();
    await startIncidentIn(ctx);
    await invoke(ctx, captureOffAction, captureOffCommand);
    expect(ctx.stdout.take()).toBe('This terminal is not recorded.\n');
    await invoke(ctx, captureOnAction, captureOnCommand);
    await invoke(ctx, captureOnAction, captureOnCommand);
    expect(ctx.stdout.take()).toMatch(/\nAlready recording this terminal into /);
    await invoke(ctx, captureOffAction, captureOffCommand);
    expect(ctx.stdout.take()).toMatch(/^Stopped recording this terminal into /);
    await waitUntil('the recorder gone', () => !existsSync(fifoOf(ctx)), 20_000);
    expect(typed(ctx)).toEqual([]);
  });
});

describe('oncall hook <shell>', () => {
  it("prints the shell's hook with this user's capture folder written in, quoted for it", async () => {
    const ctx = testContext({ env: { XDG_RUNTIME_DIR: "/run/user/1000/it's" } });
    await invoke(ctx, hook, hookCommand, { shell: 'bash' });
    const bash = ctx.stdout.take();
    expect(bash).toContain(`__oncall_dir='/run/user/1000/it'\\''s/oncall/capture'`);
    expect(bash).not.toContain('@ONCALL_CAPTURE_DIR@');
    await invoke(ctx, hook, hookCommand, { shell: 'fish' });
    expect(ctx.stdout.take()).toContain(
      `set -g __oncall_dir '/run/user/1000/it\\'s/oncall/capture'`,
    );
    await expect(invoke(ctx, hook, hookCommand, { shell: 'tcsh' })).rejects.toThrow(
      'oncall hook tcsh: there is a hook for bash, zsh, fish; e.g. eval "$(oncall hook bash)" in ~/.bashrc',
    );
  });
});

/** The ways a log loses its readable incident.opened (as test/integration/cli/unopened-log.test.ts). */
const DAMAGES: [string, (lines: string[]) => string[], RegExp][] = [
  [
    'line 1 not JSON',
    ([first, ...rest]) => [`${first}}`, ...rest],
    /:1: not valid JSON.*Fix: repair line 1/,
  ],
  ['line 1 deleted', ([, ...rest]) => rest, /:1: a \S+ event, not incident\.opened/],
  [
    "another incident's log",
    (lines) =>
      lines.map((l) => l.replace(/"incident":"[^"]+"/, '"incident":"2026-01-01-0000-other"')),
    /put it back in that incident's folder/,
  ],
  ['emptied', () => [], /events\.jsonl: empty, .*Fix: start a new incident/],
];

describe('capture on, into an incident whose log is refused', () => {
  for (const [name, damage, why] of DAMAGES) {
    it(`${name}: exits 2 with the one line the reading commands say (file:line, the fix), and starts no recorder`, async () => {
      const ctx = terminal();
      const id = await startIncidentIn(ctx);
      await runCli(['node', 'oncall', 'note', 'before the damage'], ctx);
      ctx.stdout.take();
      const file = join(ctx.home, 'incidents', id, 'events.jsonl');
      const left = damage(readFileSync(file, 'utf8').trimEnd().split('\n'));
      writeFileSync(file, left.length ? `${left.join('\n')}\n` : '');
      const before = readFileSync(file);
      const started: (readonly string[])[] = [];
      const start = ctx.startBackground;
      ctx.startBackground = (args) => {
        started.push(args);
        return start?.(args);
      };
      const code = await runCli(['node', 'oncall', 'capture', 'on'], ctx);
      const lines = ctx.stderr.take().trimEnd().split('\n');
      expect(code, lines.join('\n')).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toMatch(why);
      expect(lines[0]).toMatch(/no readable incident\.opened event.*Fix: .*`oncall start`/);
      expect(started).toEqual([]);
      expect(existsSync(fifoOf(ctx))).toBe(false);
      expect(readFileSync(file)).toEqual(before);
    });
  }
});
