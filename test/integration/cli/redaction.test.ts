// What reaches the log from the commands: a command's arguments and output,
// a note and an update, each with the secret values redacted and the rest of
// the text (quotes, `;`, flags, the other arguments) exactly as it was.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  logPath,
  oncall,
  onlyIncidentId,
  readEvents,
  sandbox,
  startIncident,
} from '../../helpers/in-process.js';

const R = '[REDACTED]';

describe('oncall run records redacted arguments and output', () => {
  it('a shell script: the key, quotes and ; stay; the secret env value is caught in the output', async () => {
    const box = sandbox({ DB_PASSWORD: 'hunter2x' });
    await startIncident(box);
    const script = 'echo "password: s3cr3t-value"; echo "connecting with $DB_PASSWORD"';
    const r = await oncall(box, ['run', '--shell', 'sh', '--', script]);
    expect(r.code, r.stderr).toBe(0);
    const events = readEvents(box);
    const started = events.find((e) => e.type === 'command.started');
    const finished = events.find((e) => e.type === 'command.finished');
    expect(started?.argv).toEqual([`echo "password: ${R}"; echo "connecting with $DB_PASSWORD"`]);
    expect(finished?.outputTail).toBe(`password: ${R}\nconnecting with ${R}`);
  });

  it('an argument vector: the value after --password is redacted whole, spaces and all', async () => {
    const box = sandbox();
    await startIncident(box);
    const argv = ['node', '-e', 'process.exit(0)', '--', '--password', 'two words', '--host', 'db'];
    const r = await oncall(box, ['run', '--', ...argv]);
    expect(r.code, r.stderr).toBe(0);
    const started = readEvents(box).find((e) => e.type === 'command.started');
    expect(started?.argv).toEqual([...argv.slice(0, 5), R, '--host', 'db']);
  });
});

describe('typed text is redacted before it is recorded', () => {
  it('oncall note', async () => {
    const box = sandbox({ REDIS_PASSWORD: 'cache-pw-81' });
    await startIncident(box);
    const r = await oncall(box, [
      'note',
      'ran export DB_PASS=hunter2x; psql -h db, redis pw cache-pw-81',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readEvents(box).at(-1)?.text).toBe(`ran export DB_PASS=${R}; psql -h db, redis pw ${R}`);
  });

  it('oncall update: the recorded text and the message sent', async () => {
    const box = sandbox();
    await startIncident(box);
    const r = await oncall(box, [
      'update',
      'Rotated the leaked key rk_live_51H8abcdefghijklmnopqrstuvWXYZ0123; watching.',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const event = readEvents(box).at(-1) as Record<string, string>;
    expect(event.text).toBe(`Rotated the leaked key ${R}; watching.`);
    expect(event.message).toContain(`Rotated the leaked key ${R}; watching.`);
    expect(r.stdout).not.toContain('rk_live_');
  });
});

describe('every free text a command records is redacted, whichever command', () => {
  const config = 'contacts:\n  bob: { name: Bob Stone }\nredact: ["internal-[0-9a-f]{8}"]\n';

  function boxWithContact() {
    const box = sandbox({ DB_PASSWORD: 'envpw-9x7' });
    writeFileSync(join(box.cwd, 'oncall.config.yaml'), config);
    return box;
  }

  it('the title (and the id made from it), impact, sev reason, milestone summaries, ask and handoff note', async () => {
    const box = boxWithContact();
    const opened = await oncall(box, [
      'start',
      '--no-input',
      '--no-walk',
      '--sev',
      '2',
      '--title',
      'Login fails password=titlepw1',
      '--impact',
      'curl -u admin:imppw2 fails',
    ]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(onlyIncidentId(box)).not.toContain('titlepw1');
    const steps: string[][] = [
      ['sev', '1', '--reason', 'curl -H "Authorization: Bearer zzz111222333" x; internal-deadbeef'],
      [
        'escalate',
        '--to',
        'bob',
        '--no-send',
        '--ask',
        'is ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok?',
      ],
      [
        'handoff',
        '--to',
        'bob',
        '--no-send',
        '--note',
        'redis-cli -a hpw123 ping && echo envpw-9x7',
      ],
      ['mitigate', 'rolled back; {"password": "mitpw4"}'],
      ['resolve', 'rotated AKIAIOSFODNN7EXAMPLE'],
    ];
    const printed: string[] = [];
    for (const args of steps) {
      const r = await oncall(box, args);
      expect(r.code, r.stderr).toBe(0);
      printed.push(r.stdout + r.stderr);
    }
    const pm = await oncall(box, ['postmortem', '--out', 'pm.md']);
    expect(pm.code, pm.stderr).toBe(0);
    const log = readFileSync(logPath(box), 'utf8');
    const draft = readFileSync(join(box.cwd, 'pm.md'), 'utf8');
    for (const secret of [
      'titlepw1',
      'imppw2',
      'zzz111222333',
      'deadbeef',
      'ghp_',
      'hpw123',
      'envpw-9x7',
      'mitpw4',
      'AKIAIOSFODNN7EXAMPLE',
    ]) {
      expect(log).not.toContain(secret);
      expect(draft).not.toContain(secret);
      for (const out of printed) expect(out).not.toContain(secret);
    }
    const events = readEvents(box);
    const reason = events.find((e) => e.type === 'severity.changed')?.reason;
    // Only the values: the quotes, `;` and the words around them stay.
    expect(reason).toBe(`curl -H "Authorization: Bearer ${R}" x; ${R}`);
    expect(events.find((e) => e.type === 'handoff')?.note).toBe(
      `redis-cli -a ${R} ping && echo ${R}`,
    );
    expect(events.find((e) => e.type === 'incident.mitigated')?.summary).toBe(
      `rolled back; {"password": "${R}"}`,
    );
  });

  it('look-alikes survive: commit hashes, UUIDs, "password reset email sent", "token bucket"', async () => {
    const box = boxWithContact();
    await startIncident(box);
    const text =
      'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39, request 123e4567-e89b-12d3-a456-426614174000: password reset email sent; token bucket full';
    for (const args of [
      ['sev', '1', '--reason', text],
      ['mitigate', text],
      ['escalate', '--to', 'bob', '--no-send', '--ask', text],
    ]) {
      const r = await oncall(box, args);
      expect(r.code, r.stderr).toBe(0);
    }
    const events = readEvents(box);
    expect(events.find((e) => e.type === 'severity.changed')?.reason).toBe(text);
    expect(events.find((e) => e.type === 'incident.mitigated')?.summary).toBe(text);
    expect(events.find((e) => e.type === 'escalation')?.ask).toBe(text);
  });

  it('an escalation quoting a log written before its fields were redacted is sent redacted', async () => {
    const box = boxWithContact();
    await startIncident(box);
    const file = logPath(box);
    const [opened] = readFileSync(file, 'utf8').split('\n');
    const old = JSON.parse(opened as string);
    const legacy = {
      ...old,
      id: '01900000-0000-7000-8000-000000000001',
      type: 'severity.changed',
      from: old.severity,
      to: 'SEV1',
      reason: 'PGPASSWORD=oldpw55 psql failed',
      lamport: 2,
    };
    delete legacy.title;
    delete legacy.severity;
    delete legacy.nextUpdateDue;
    appendFileSync(file, `${JSON.stringify(legacy)}\n`);
    const r = await oncall(box, [
      'escalate',
      '--to',
      'bob',
      '--no-send',
      '--ask',
      'help',
      '--long',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`PGPASSWORD=${R} psql failed`);
    expect(r.stdout).not.toContain('oldpw55');
  });

  it('the phone form redacts a finding before shortening it: a secret cut in half is still a secret', async () => {
    const box = boxWithContact();
    await startIncident(box);
    const file = logPath(box);
    const [opened] = readFileSync(file, 'utf8').split('\n');
    const old = JSON.parse(opened as string);
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    // Written before notes were redacted (or by a peer): the log holds the token itself.
    const { title, severity, impact, nextUpdateDue, ...common } = old;
    const legacy = {
      ...common,
      id: '01900000-0000-7000-8000-000000000002',
      type: 'note',
      kind: 'finding',
      text: `the deploy bot kept failing: its token ${token} expired`,
      lamport: 2,
    };
    appendFileSync(file, `${JSON.stringify(legacy)}\n`);
    const r = await oncall(box, ['escalate', '--to', 'bob', '--no-send', '--ask', 'help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the deploy bot kept failing');
    expect(r.stdout).not.toContain('ghp_');
    expect(r.stdout).not.toContain('abcdefghijklmnop');
  });
});
