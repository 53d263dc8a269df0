// Status-update cadence: an overdue update is said in one line by note and status.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  logPath,
  oncall,
  readEvents,
  sandbox,
  startIncident,
} from '../../../helpers/in-process.js';

function writeLog(home: string, id: string, events: object[]): void {
  const dir = join(home, 'incidents', id);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lines = events.map((e, i) =>
    JSON.stringify({ v: 1, id: `e${i}`, incident: id, actor: 'bob@host', ...e }),
  );
  writeFileSync(join(dir, 'events.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(join(home, 'active'), `${id}\n`);
}

describe('update cadence', () => {
  it('start promises the first update by the severity cadence', async () => {
    const box = sandbox();
    await startIncident(box); // SEV2: every 30 minutes
    const [opened] = readEvents(box);
    const due = Date.parse(String(opened?.nextUpdateDue)) - Date.parse(String(opened?.ts));
    expect(due).toBe(30 * 60_000);
    expect((await oncall(box, ['note', 'fine'])).stderr).toBe('');
  });

  it('note and status say when an update is overdue', async () => {
    const box = sandbox();
    const past = (minutes: number) =>
      new Date(box.now().getTime() - minutes * 60_000).toISOString();
    writeLog(box.home, 'late', [
      {
        ts: past(50),
        type: 'incident.opened',
        title: 'Search down',
        severity: 'SEV1',
        nextUpdateDue: past(35),
      },
      { ts: past(40), type: 'note', kind: 'note', text: 'looking' },
    ]);
    const note = await oncall(box, ['note', 'still looking']);
    expect(note.code).toBe(0);
    expect(note.stderr).toMatch(
      /^warning: status update overdue by 3\dm: send one with `oncall update/,
    );
    const status = await oncall(box, ['status']);
    expect(status.stdout).toMatch(/status update overdue by 3\dm/);
    expect(JSON.parse((await oncall(box, ['status', '--json'])).stdout).updateOverdue).toBe(true);

    // Once resolved, nothing is due.
    expect((await oncall(box, ['resolve'])).code).toBe(0);
    const wrapUp = (await oncall(box, ['note', 'wrap-up'])).stderr;
    expect(wrapUp).not.toContain('overdue');
    expect(wrapUp).toMatch(/^\S+ was resolved at \d\d:\d\d; the note is recorded there\./);
  });

  it('a severity change moves the promise to the new cadence', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['sev', 'SEV1', '--reason', 'all regions']);
    const sev = readEvents(box).find((e) => e.type === 'severity.changed');
    const due = Date.parse(String(sev?.nextUpdateDue)) - Date.parse(String(sev?.ts));
    expect(due).toBe(15 * 60_000);
  });
});

describe('a full disk', () => {
  it('fails with one line naming the file, exit 1, and records nothing half-way', async () => {
    const box = sandbox();
    await startIncident(box);
    const file = logPath(box);
    // /dev/full answers every write with ENOSPC, as a full disk does.
    rmSync(file);
    symlinkSync('/dev/full', file);
    const r = await oncall(box, ['note', 'this will not fit']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `oncall: cannot write ${file}: the disk is full. Free some space and try again. Nothing was recorded; earlier events are untouched.`,
    );
  });
});
