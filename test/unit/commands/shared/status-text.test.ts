// The status as text, from its model: clock times in the zone it is given
// (the responder's TZ), not in whatever zone the process happens to run in;
// a glance, not a dump.
import { describe, expect, it } from 'vitest';
import { statusText } from '../../../../src/commands/shared/status-text.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import {
  foldIncident,
  type IncidentState,
  writersOf,
} from '../../../../src/domain/incident/fold.js';
import { statusModel } from '../../../../src/domain/status/status.js';
import { event } from '../../../helpers/events.js';

const statusLines = (
  state: IncidentState,
  events: readonly OncallEvent[],
  now: Date,
  tz: string,
): string[] => statusText(statusModel(state, events, { now, tz }));

const opened = event('incident.opened', '2026-11-22T02:14:00.000Z', {
  title: 'Checkout errors',
  severity: 'SEV2',
  nextUpdateDue: '2026-11-22T02:44:00.000Z',
});
const state = foldIncident([opened]);
const now = new Date('2026-11-22T02:20:00.000Z');

describe('statusText', () => {
  it('shows the start, the milestones and the next update in the given zone', () => {
    const text = statusLines(state, [opened], now, 'America/New_York').join('\n');
    expect(text).toContain('6m since start (21:14)');
    expect(text).toContain('declared 21:14');
    expect(text).toContain('next due by 21:44');
  });

  it('changes with the zone, not with the process', () => {
    const text = statusLines(state, [opened], now, 'Asia/Kolkata').join('\n');
    expect(text).toContain('6m since start (07:44)');
    expect(text).toContain('next due by 08:14');
  });

  it("gives each responder's latest act; one only handed the incident has none, one who wrote since has theirs", () => {
    const events = [
      opened,
      event('note', '2026-11-22T02:15:00.000Z', { kind: 'finding', text: 'p99 at 2s' }),
      event('handoff', '2026-11-22T02:16:00.000Z', { id: 'h1', to: 'erin' }),
      event('handoff', '2026-11-22T02:16:30.000Z', { id: 'h2', to: 'bob@desk' }),
      event('note', '2026-11-22T02:17:00.000Z', {
        kind: 'note',
        text: 'bob here',
        actor: 'bob@desk',
      }),
      event('note', '2026-11-22T02:18:00.000Z', { kind: 'note', text: 'restarted cache' }),
    ];
    const folded = foldIncident(events);
    expect(folded.responders).toEqual(['alice@host', 'erin', 'bob@desk']);
    expect(writersOf(folded)).toEqual(['alice@host', 'bob@desk']);
    const model = statusModel(folded, events, { now, tz: 'UTC' });
    expect(model.responders.map((r) => [r.who, r.what])).toEqual([
      ['alice@host', 'note: restarted cache'],
      ['bob@desk', 'note: bob here'],
    ]);
    // A state not made by a fold: every responder is looked for, as before.
    expect(writersOf({ ...folded })).toBeUndefined();
    expect(statusModel({ ...folded }, events, { now, tz: 'UTC' }).responders).toEqual(
      model.responders,
    );
  });

  it('names the commands that started and never finished, and only those', () => {
    const run = (runId: string, ts: string, argv: string[], fields = {}) =>
      event('command.started', ts, { runId, argv, cwd: '/', ...fields });
    const events = [
      opened,
      run('r1', '2026-11-22T02:14:30.000Z', ['kubectl', 'rollout', 'restart', 'deploy/web']),
      run('r2', '2026-11-22T02:15:00.000Z', ['curl', 'https://x.example.com']),
      event('command.finished', '2026-11-22T02:15:01.000Z', {
        runId: 'r2',
        exitCode: 0,
        durationMs: 1000,
        outputTail: '',
      }),
      // A drill's commands are never run: nothing to look for.
      run('r3', '2026-11-22T02:16:00.000Z', ['rm', '-rf', '/tmp/cache'], { drill: true }),
    ];
    const lines = statusLines(foldIncident(events), events, now, 'UTC');
    expect(lines.filter((l) => l.includes('still running'))).toEqual([
      '! still running or cut off: `kubectl rollout restart deploy/web` started 02:14 (5m ago)',
    ]);
  });

  it('names the latest five cut-off commands and counts the rest', () => {
    const events = [
      opened,
      ...Array.from({ length: 7 }, (_, i) =>
        event('command.started', `2026-11-22T02:1${i}:00.000Z`, {
          runId: `r${i}`,
          argv: ['make', `step${i}`],
          cwd: '/',
        }),
      ),
    ];
    const lines = statusLines(foldIncident(events), events, now, 'UTC');
    const cut = lines.filter((l) => l.includes('still running') || l.includes('more earlier'));
    expect(cut.map((l) => l.replace(/ started .*/, ''))).toEqual([
      ...[2, 3, 4, 5, 6].map((i) => `! still running or cut off: \`make step${i}\``),
      '  …and 2 more earlier (see `oncall timeline`)',
    ]);
  });

  it('says what waits in the outbox and what failed for good', () => {
    const queued = (delivery: string, ts: string) =>
      event('delivery.queued', ts, {
        delivery,
        source: delivery.split('.')[0],
        channel: 'chat',
        via: 'slack',
        kind: 'escalation',
        to: 'bob',
        toName: 'Bob Stone',
        target: { type: 'slack', urlEnv: 'SLACK_URL' },
        request: { body: {} },
      });
    const events = [
      opened,
      queued('a.chat', '2026-11-22T02:15:00.000Z'),
      queued('b.chat', '2026-11-22T02:16:00.000Z'),
      event('delivery.attempted', '2026-11-22T02:16:00.000Z', {
        delivery: 'b.chat',
        channel: 'chat',
        attempt: 1,
        outcome: 'failed',
        status: 400,
        error: 'HTTP 400: invalid_blocks',
        durationMs: 12,
      }),
    ];
    const text = statusLines(foldIncident(events), events, now, 'UTC').join('\n');
    expect(text).toContain('! 1 message waiting to send: `oncall outbox` shows it');
    expect(text).toContain(
      '✗ could not send the escalation to Bob Stone via Slack (chat): HTTP 400: invalid_blocks. Fix it, then `oncall outbox flush --failed`.',
    );
  });

  it('names the latest open hypotheses and ruled-out ideas and counts the rest: a glance, not a dump', () => {
    const note = (kind: string, text: string, i: number) =>
      event(
        'note',
        `2026-11-22T02:${String(15 + Math.floor(i / 10)).padStart(2, '0')}:0${i % 10}.000Z`,
        {
          kind,
          text,
        },
      );
    const events = [
      opened,
      ...Array.from({ length: 20 }, (_, i) => note('hypothesis', `idea ${i}`, i)),
      ...Array.from({ length: 12 }, (_, i) => note('ruled-out', `idea ${i}`, 20 + i)),
    ];
    const lines = statusLines(foldIncident(events), events, now, 'UTC');
    const at = lines.indexOf('Open hypotheses:');
    // 8 of the 20 still open: every one named, no count needed.
    expect(at).toBeGreaterThan(-1);
    expect(lines.slice(at + 1, at + 9).map((l) => l.replace(/ \(.*/, ''))).toEqual(
      [12, 13, 14, 15, 16, 17, 18, 19].map((i) => `  - idea ${i}`),
    );
    expect(lines).toContain(
      'Ruled out (12): …4 earlier; idea 4; idea 5; idea 6; idea 7; idea 8; idea 9; idea 10; idea 11',
    );

    const more = [
      ...events,
      ...Array.from({ length: 3 }, (_, i) => note('hypothesis', `more ${i}`, 40 + i)),
    ];
    const longer = statusLines(foldIncident(more), more, now, 'UTC');
    expect(longer).toContain('Open hypotheses (11):');
    expect(longer).toContain('  …3 earlier (see `oncall timeline`)');
    expect(longer.filter((l) => l.startsWith('  - '))).toHaveLength(8);
    expect(longer.filter((l) => l.startsWith('  - ')).at(-1)).toMatch(/^ {2}- more 2 /);
  });
});
