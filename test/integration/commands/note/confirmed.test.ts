// A hypothesis can be confirmed, not only ruled out; and a note to an incident
// that is over is kept, with a word on stderr. In process, through the wiring.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../../helpers/context.js';
import {
  oncall,
  readEvents,
  sandbox,
  startIncident,
  wordsIncident,
} from '../../../helpers/in-process.js';

describe('oncall note --confirmed', () => {
  it('links the open hypothesis its text is closest to, closes it, and the fold keeps the cause', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
    await oncall(box, ['note', '--hypothesis', 'DNS flapping in eu-west']);
    box.clock.advance(4 * MINUTE);
    const r = await oncall(box, ['note', '--confirmed', 'db-1 pool at 100/100 connections']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `Noted (confirmed) at 02:14 in ${readEvents(box)[0]?.incident}\nConfirms the hypothesis noted 02:10: connection pool exhausted on db-1\n`,
    );
    const [pool] = readEvents(box).filter((e) => e.type === 'note' && e.kind === 'hypothesis');
    expect(readEvents(box).at(-1)).toMatchObject({
      type: 'note',
      kind: 'confirmed',
      text: 'db-1 pool at 100/100 connections',
      hypothesis: pool?.id,
    });
    const state = JSON.parse((await oncall(box, ['status', '--json'])).stdout);
    expect(state.openHypotheses.map((h: { text: string }) => h.text)).toEqual([
      'DNS flapping in eu-west',
    ]);
    expect(state.confirmed).toMatchObject([
      {
        text: 'db-1 pool at 100/100 connections',
        hypothesis: { text: 'connection pool exhausted on db-1' },
      },
    ]);
    // Status tells it: the cause confirmed, the other idea still open.
    const status = (await oncall(box, ['status'])).stdout;
    expect(status).toContain('Confirmed: db-1 pool at 100/100 connections');
    expect(status).toMatch(/Open hypotheses:\n {2}- DNS flapping in eu-west/);
    expect(status).not.toContain('- connection pool exhausted on db-1');
  });

  it('with no hypothesis near it, stands as a cause of its own (--kind confirmed too)', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['note', '--hypothesis', 'DNS flapping']);
    const r = await oncall(box, ['note', '--kind', 'confirmed', 'a cron job filled the disk']);
    expect(r.stdout).toContain(
      'No open hypothesis is close to it: recorded as a confirmed cause of its own.',
    );
    expect(readEvents(box).at(-1)).not.toHaveProperty('hypothesis');
    const state = JSON.parse((await oncall(box, ['status', '--json'])).stdout);
    expect(state.openHypotheses).toHaveLength(1);
    expect(state.confirmed).toHaveLength(1);
  });
});

describe('a confirmed cause in every text', () => {
  it('the update, the escalation (short and long), the handoff and the postmortem say it', async () => {
    const box = await wordsIncident(['--impact', 'checkout errors for some users']);
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
    box.clock.advance(4 * MINUTE);
    await oncall(box, ['note', '--confirmed', 'db-1 pool at 100/100 connections']);
    const cause = 'db-1 pool at 100/100 connections';
    const update = await oncall(box, ['update', '--no-post', 'Raising the pool limit']);
    expect(update.stdout).toContain(`**Cause (confirmed):** ${cause}\n`);
    for (const long of [[], ['--long']]) {
      const escalation = await oncall(box, [
        'escalate',
        '--to',
        'bob',
        '--ask',
        'approve a restart',
        '--no-send',
        ...long,
      ]);
      expect(escalation.stdout, long.join(' ')).toContain(cause);
    }
    expect((await oncall(box, ['handoff', '--to', 'bob', '--no-send'])).stdout).toContain(cause);
    box.clock.advance(10 * MINUTE);
    await oncall(box, ['resolve']);
    const written = (await oncall(box, ['postmortem'])).stdout.trim().split('\n').at(-1) ?? '';
    const draft = readFileSync(written.slice(written.indexOf('/')).replace(/\.$/, ''), 'utf8');
    expect(draft).toContain(
      `## Contributing factors\n\n- Confirmed (2026-03-12 02:14 UTC): ${cause}\n`,
    );
  });

  it('an update says no cause while none is confirmed', async () => {
    const box = await wordsIncident();
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
    expect((await oncall(box, ['update', '--no-post', 'Looking'])).stdout).not.toContain('Cause');
  });
});

describe('oncall note --confirms <hypothesis>', () => {
  it('names the hypothesis confirmed, by words of its text or its id, when the closest is not the one', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['note', '--hypothesis', 'connection pool exhausted on db-1']);
    await oncall(box, ['note', '--hypothesis', 'DNS flapping in eu-west']);
    await oncall(box, ['note', '--hypothesis', 'bad deploy of web 1.4.2']);
    const [pool, dns, deploy] = readEvents(box).filter(
      (e) => e.type === 'note' && e.kind === 'hypothesis',
    );
    // Its text is closest to the pool; the responder says it was DNS.
    const r = await oncall(box, [
      'note',
      '--confirms',
      'dns',
      'db-1 connections dropped: pool drained',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Noted (confirmed)');
    expect(r.stdout).toContain('Confirms the hypothesis noted 02:10: DNS flapping in eu-west');
    expect(readEvents(box).at(-1)).toMatchObject({ kind: 'confirmed', hypothesis: dns?.id });
    const byId = await oncall(box, [
      'note',
      '--confirmed',
      '--confirms',
      String(deploy?.id),
      'web 1.4.2 leaked connections',
    ]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(readEvents(box).at(-1)).toMatchObject({ kind: 'confirmed', hypothesis: deploy?.id });
    const state = JSON.parse((await oncall(box, ['status', '--json'])).stdout);
    expect(state.openHypotheses.map((h: { id: string }) => h.id)).toEqual([pool?.id]);
  });

  it('one that names no open hypothesis, or comes with another kind, records nothing', async () => {
    const box = sandbox();
    await startIncident(box);
    await oncall(box, ['note', '--hypothesis', 'DNS flapping in eu-west']);
    const events = readEvents(box).length;
    const none = await oncall(box, ['note', '--confirms', 'kernel panic', 'it was the kernel']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^oncall: --confirms kernel panic: no open hypothesis is that one\. Open: 'DNS flapping in eu-west' \(/,
    );
    const other = await oncall(box, ['note', '--finding', '--confirms', 'dns', 'x']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('pick one kind');
    expect(readEvents(box)).toHaveLength(events);
  });
});

describe('a --confirms that names none of many long hypotheses', () => {
  it('says so on one short line: the start of each of the first five, and how many more', async () => {
    const box = sandbox();
    await startIncident(box);
    // Pasted hypotheses: a log excerpt each, pages long.
    for (let i = 1; i <= 7; i++)
      await oncall(box, ['note', '--hypothesis', `suspect ${i}: ${'pool exhausted '.repeat(400)}`]);
    const events = readEvents(box).length;
    const asked = `kernel ${'panic '.repeat(2_000)}`;
    const none = await oncall(box, ['note', '--confirms', asked, 'it was the kernel']);
    expect(none.code).toBe(2);
    const lines = none.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.length).toBeLessThan(1_000);
    expect(lines[0]).toMatch(/^oncall: --confirms kernel panic panic [^:]*…: no open hypothesis/);
    expect(lines[0]).toContain("'suspect 1: pool exhausted pool exhausted");
    expect(lines[0]).toContain('suspect 5:');
    expect(lines[0]).not.toContain('suspect 6:');
    expect(lines[0]).toContain('and 2 more (oncall status --json lists them with their ids)');
    expect(readEvents(box)).toHaveLength(events);
  });
});

describe('a note, a severity or a command run after the resolve', () => {
  it('is recorded, and stderr says when it was resolved and how to start a new one', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    box.clock.advance(30 * MINUTE);
    await oncall(box, ['resolve']);
    box.clock.advance(5 * MINUTE);
    const r = await oncall(box, ['note', 'db-1 is slow again']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Noted at 02:45 in ${id}\n`);
    expect(r.stderr).toBe(
      `${id} was resolved at 02:40; the note is recorded there. Something new? \`oncall start\` opens a new incident.\n`,
    );
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'note', text: 'db-1 is slow again' });
    // Backfilled to before the resolution: history filled in, nothing to say.
    const before = await oncall(box, ['note', '--at', '02:20', 'pool was at 100%']);
    expect(before.stderr).toBe('');
  });

  it('a command run after it is over is recorded, and stderr says so', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    box.clock.advance(30 * MINUTE);
    await oncall(box, ['resolve']);
    const r = await oncall(box, ['run', '--', process.execPath, '-e', '']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `${id} was resolved at 02:40; the command is recorded there. Something new? \`oncall start\` opens a new incident.\n`,
    );
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'command.finished', exitCode: 0 });
  });

  it('a severity re-rated after it is over is kept, said on stderr, and not posted', async () => {
    const box = sandbox();
    const id = await startIncident(box);
    box.clock.advance(30 * MINUTE);
    await oncall(box, ['resolve']);
    const r = await oncall(box, ['sev', '1', '--reason', 'it was worse than we thought']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Next status update');
    expect(r.stderr).toBe(
      `${id} was resolved at 02:40; the severity is recorded there. Something new? \`oncall start\` opens a new incident.\n`,
    );
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'severity.changed', to: 'SEV1' });
  });
});
