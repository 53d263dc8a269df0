// A whole incident, command by command in process, asserting on the log it leaves behind.
// (Ctrl-C of `oncall run` needs the real process: test/e2e/commands/run-signals.test.ts.)
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logPath, oncall, readEvents, sandbox, startIncident } from '../../helpers/in-process.js';

describe('start → note → run → sev → mitigate → resolve → export', () => {
  it('records every step as a valid event and exports { incident, events }', async () => {
    const box = sandbox();
    const id = await startIncident(box, [
      '--service',
      'web',
      '--impact',
      'all checkouts fail',
      '--started-at',
      '10m ago',
    ]);
    expect(id).toMatch(/^\d{4}-\d{2}-\d{2}-\d{4}-checkout-returns-500$/);

    expect((await oncall(box, ['note', 'restarted', 'the', 'cache'])).code).toBe(0);
    expect((await oncall(box, ['note', '--hypothesis', 'bad deploy 4.2'])).code).toBe(0);
    expect(
      (await oncall(box, ['note', '--kind', 'ruled-out', 'bad deploy 4.2', '--at', '2m ago'])).code,
    ).toBe(0);

    const ran = await oncall(box, [
      'run',
      '--',
      'node',
      '-e',
      'console.log("API_TOKEN=abc123secret"); process.exit(3)',
    ]);
    expect(ran.code).toBe(3);
    expect(ran.stderr).toContain('exit 3');

    expect((await oncall(box, ['sev', 'SEV1', '--reason', 'errors spreading to EU'])).code).toBe(0);
    expect((await oncall(box, ['mitigate', 'rolled', 'back', 'to', '4.1'])).code).toBe(0);
    expect((await oncall(box, ['resolve', 'fixed forward in 4.3'])).code).toBe(0);

    const events = readEvents(box);
    expect(events.map((e) => e.type)).toEqual([
      'incident.opened',
      'note',
      'note',
      'note',
      'command.started',
      'command.finished',
      'severity.changed',
      'incident.mitigated',
      'incident.resolved',
    ]);
    for (const e of events) {
      expect(e.v).toBe(1);
      expect(e.incident).toBe(id);
      expect(e.actor).toBe('alice@test');
      expect(e.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    const [opened, note, , ruledOut, started, finished, sev] = events;
    expect(opened).toMatchObject({
      title: 'Checkout returns 500',
      severity: 'SEV2',
      service: 'web',
    });
    expect(Date.parse(String(opened?.startedAt))).toBeLessThan(Date.parse(String(opened?.ts)));
    expect(note).toMatchObject({ kind: 'note', text: 'restarted the cache' });
    expect(note?.recordedAt).toBeUndefined();
    expect(ruledOut).toMatchObject({ kind: 'ruled-out' });
    expect(
      Date.parse(String(ruledOut?.recordedAt)) - Date.parse(String(ruledOut?.ts)),
    ).toBeGreaterThan(100_000);
    expect(started).toMatchObject({ argv: ['node', '-e', expect.any(String)], cwd: box.cwd });
    expect(finished).toMatchObject({ runId: started?.runId, exitCode: 3 });
    expect(finished?.outputTail).toContain('API_TOKEN=[REDACTED]');
    expect(finished?.outputTail).not.toContain('abc123secret');
    expect(sev).toMatchObject({ from: 'SEV2', to: 'SEV1', reason: 'errors spreading to EU' });

    const exported = await oncall(box, ['export', '--json']);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.events).toHaveLength(events.length);
    expect(doc.incident).toMatchObject({
      id,
      status: 'resolved',
      severity: 'SEV1',
      peakSeverity: 'SEV1',
      openHypotheses: [],
    });
    expect(doc.incident.mitigatedAt).toBeDefined();
    expect(doc.incident.resolvedAt).toBeDefined();

    // The log and its folder are the user's alone.
    expect(statSync(logPath(box)).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(logPath(box))).mode & 0o777).toBe(0o700);
  });

  it('shows status, timeline and list, as text and as JSON', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted']);

    const status = await oncall(box, ['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('SEV2');
    expect(status.stdout).toContain('connection pool exhausted');
    expect(status.stdout).toMatch(/next due by \d\d:\d\d/);
    const statusJson = JSON.parse((await oncall(box, ['status', '--json'])).stdout);
    expect(statusJson).toMatchObject({
      id,
      severity: 'SEV2',
      status: 'active',
      updateOverdue: false,
    });

    const md = await oncall(box, ['timeline', '--md']);
    // TZ=UTC: local time is UTC, shown once.
    expect(md.stdout).toContain('| UTC | Who | What |');
    expect(md.stdout).toContain('hypothesis: connection pool exhausted');
    expect(JSON.parse((await oncall(box, ['timeline', '--json'])).stdout)).toHaveLength(2);

    const list = JSON.parse((await oncall(box, ['list', '--json'])).stdout);
    expect(list).toEqual([expect.objectContaining({ id, active: true, severity: 'SEV2' })]);
  });

  it('keeps several incidents apart: use, --incident', async () => {
    const box = sandbox();
    const first = await startIncident(box);
    const second = await oncall(box, [
      'start',
      '--title',
      'Search is slow',
      '--sev',
      'SEV3',
      '--no-input',
      '--runbook',
      'none',
      '--new',
    ]);
    expect(second.code).toBe(0);
    const ids = JSON.parse((await oncall(box, ['list', '--json'])).stdout).map(
      (r: { id: string }) => r.id,
    );
    const secondId = ids.find((i: string) => i !== first);

    await oncall(box, ['note', 'lands in the active (second) one']);
    await oncall(box, ['note', '--incident', first, 'lands in the first']);
    expect((await oncall(box, ['use', first])).code).toBe(0);
    await oncall(box, ['note', 'first again']);

    const texts = (incident: string) =>
      readEvents(box, incident)
        .filter((e) => e.type === 'note')
        .map((e) => e.text);
    expect(texts(first)).toEqual(['lands in the first', 'first again']);
    expect(texts(secondId)).toEqual(['lands in the active (second) one']);

    const unknown = await oncall(box, ['note', '--incident', 'nope', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--incident nope');
  });
});

describe('status with a runbook attached', () => {
  it('says where the walk stands, from the log and the runbook', async () => {
    const box = sandbox();
    const r = await oncall(box, [
      'start',
      'site-down-after-deploy',
      '--title',
      'Checkout 502s',
      '--sev',
      'SEV2',
      '--no-input',
    ]);
    expect(r.code).toBe(0);
    expect(readEvents(box).map((e) => e.type)).toContain('runbook.attached');
    const status = await oncall(box, ['status']);
    expect(status.stdout).toMatch(
      /Runbook: Site down right after a deploy \(site-down-after-deploy\): at step 1 of \d+, /,
    );
    expect(JSON.parse((await oncall(box, ['status', '--json'])).stdout).walk).toMatch(
      /at step 1 of/,
    );
  });
});

describe('a command killed from elsewhere', () => {
  it('is recorded as killed, not as stopped by the responder', async () => {
    const box = sandbox();
    await startIncident(box);
    const r = await oncall(box, [
      'run',
      '--',
      'node',
      '-e',
      'process.kill(process.pid, "SIGKILL")',
    ]);
    expect(r.code).toBe(137);
    expect(r.stderr).toContain('killed by SIGKILL');
    const finished = readEvents(box).find((e) => e.type === 'command.finished');
    expect(finished).toMatchObject({ signal: 'SIGKILL', exitCode: null });
    expect(finished).not.toHaveProperty('interrupted');
  });
});

describe('a command that cannot start', () => {
  it('names the program that is missing, the shell when one was asked for', async () => {
    const box = sandbox();
    await startIncident(box);
    const missing = await oncall(box, ['run', '--', 'no-such-program-x', '--flag']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe(
      'oncall: could not start no-such-program-x: spawn no-such-program-x ENOENT (recorded)\n',
    );
    const shell = await oncall(box, ['run', '--shell', 'no-such-shell', '--', 'echo hi | wc']);
    expect(shell.code).toBe(127);
    expect(shell.stderr).toBe(
      'oncall: could not start no-such-shell: spawn no-such-shell ENOENT (recorded)\n',
    );
    const started = readEvents(box).filter((e) => e.type === 'command.started');
    expect(started).toMatchObject([
      { argv: ['no-such-program-x', '--flag'] },
      { argv: ['echo hi | wc'], shell: 'no-such-shell' },
    ]);
  });
});
