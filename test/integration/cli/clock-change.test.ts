// The nights clocks change, and the nights that cross midnight, as a
// responder reads them: a time in an hour that happens twice (or beside one
// that never happens) says its zone, and a text listing times of several
// local days says the day where it changes. Each command runs in process with
// the responder's TZ in its context (the process itself runs in UTC).
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../helpers/context.js';
import { type Box, oncall, startWords, wordsSandbox } from '../../helpers/in-process.js';

/** A box in `tz` whose clock starts at `at` (UTC), with "Checkout returns 500" declared then at SEV2. */
async function night(tz: string, at: string): Promise<{ box: Box; started: string }> {
  const box = wordsSandbox('', { now: at });
  box.env.TZ = tz;
  const started = await oncall(box, startWords());
  expect(started.code).toBe(0);
  return { box, started: started.stdout };
}

const lines = (text: string) => text.split('\n');

describe('the night clocks go back (America/New_York, 2026-11-01 02:00 EDT -> 01:00 EST)', () => {
  it('every time in the repeated hour says which one it is; the others stay bare', async () => {
    // 01:40 EDT: the update due 30 minutes later is at 01:10 EST, not 30 minutes earlier.
    const { box, started } = await night('America/New_York', '2026-11-01T05:40:00.000Z');
    expect(started).toContain('Declared at 01:40 EDT. First status update due by 01:10 EST.');
    box.clock.advance(5 * MINUTE);
    expect((await oncall(box, ['note', 'restarted cache'])).stdout).toContain('Noted at 01:45 EDT');
    box.clock.advance(30 * MINUTE); // 01:15 EST
    const status = await oncall(box, ['status']);
    expect(status.stdout).toContain('35m since start (01:40 EDT)');
    expect(status.stdout).toContain('next due by 01:10 EST');
    expect((await oncall(box, [])).stdout).toContain('next due by 01:10 EST');
    const update = await oncall(box, ['update', 'rolled back', '--no-post']);
    // The update's header names now's zone; its next update is in its own.
    expect(update.stdout).toContain('update 01:15 EST');
    expect(update.stdout).toContain('**Next update:** by 01:45 EST');
    expect(update.stderr).toContain('Recorded update at 01:15 EST. Next due by 01:45 EST.');
    box.clock.advance(60 * MINUTE); // 02:15 EST: an hour that happens once
    await oncall(box, ['note', '--finding', 'pool exhausted']);
    const timeline = lines((await oncall(box, ['timeline'])).stdout);
    expect(timeline.slice(1, 5)).toEqual([
      '01:40 EDT  alice@host       incident declared at SEV2: Checkout returns 500',
      '01:45 EDT  alice@host       note: restarted cache',
      '01:15 EST  alice@host       status update sent: rolled back',
      '02:15  alice@host       finding: pool exhausted',
    ]);
    const md = lines((await oncall(box, ['timeline', '--md'])).stdout);
    expect(md).toContain('| 06:15 | 01:15 EST | alice@host | status update sent: rolled back |');
    expect(md).toContain('| 07:15 | 02:15 | alice@host | finding: pool exhausted |');
    const escalation = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'look', '--no-send']);
    expect(escalation.stdout).toContain('01:45 EDT restarted cache');
    const handoff = await oncall(box, ['handoff', '--to', 'bob', '--no-send']);
    expect(handoff.code).toBe(0);
    expect(handoff.stdout).toContain('01:45 EDT restarted cache');
  });

  it("the next update's zone is its own, not now's (due after the change, asked before it)", async () => {
    const { box } = await night('America/New_York', '2026-11-01T05:40:00.000Z');
    box.clock.advance(10 * MINUTE); // 01:50 EDT
    const escalation = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'look', '--no-send']);
    expect(escalation.stdout).toContain('by 01:10 EST');
    expect(escalation.stdout).not.toContain('01:10 EDT');
  });
});

describe('the night clocks go forward (America/New_York, 2026-03-08 02:00 EST -> 03:00 EDT)', () => {
  it('the times either side of the missing hour say their zone: 20 minutes apart, not 80', async () => {
    const { box, started } = await night('America/New_York', '2026-03-08T06:50:00.000Z');
    expect(started).toContain('Declared at 01:50 EST. First status update due by 03:20 EDT.');
    box.clock.advance(90 * MINUTE); // 04:20 EDT
    await oncall(box, ['note', 'later']);
    expect((await oncall(box, ['status'])).stdout).toContain('(01:50 EST)');
    expect((await oncall(box, ['sev', 'SEV1', '--reason', 'x', '--no-post'])).stdout).toContain(
      'Next status update due by 03:20 EDT.',
    );
    expect(lines((await oncall(box, ['timeline'])).stdout).slice(1, 3)).toEqual([
      '01:50 EST  alice@host       incident declared at SEV2: Checkout returns 500',
      '04:20  alice@host       note: later',
    ]);
  });
});

describe('zones with odd offsets', () => {
  it('Australia/Lord_Howe: its 30-minute change marks half an hour either side', async () => {
    // 2026-04-05 02:00 +11 -> 01:30 +10:30: 01:45 happens twice.
    const { started } = await night('Australia/Lord_Howe', '2026-04-04T14:45:00.000Z');
    expect(started).toContain(
      'Declared at 01:45 GMT+11. First status update due by 01:45 GMT+10:30.',
    );
  });

  it('Pacific/Chatham: 03:45 +13:45 -> 02:45 +12:45', async () => {
    const { started } = await night('Pacific/Chatham', '2026-04-04T13:30:00.000Z');
    expect(started).toContain(
      'Declared at 03:15 GMT+13:45. First status update due by 02:45 GMT+12:45.',
    );
  });

  it('Asia/Kolkata (+05:30, no daylight saving): never a zone', async () => {
    const { started } = await night('Asia/Kolkata', '2026-11-01T05:40:00.000Z');
    expect(started).toContain('Declared at 11:10. First status update due by 11:40.');
  });
});

describe('a night across local midnight', () => {
  /** Declared 23:50 in Berlin (CET), a note 20 minutes later, after midnight. */
  async function pastMidnight() {
    const { box } = await night('Europe/Berlin', '2026-11-21T22:50:00.000Z');
    box.clock.advance(20 * MINUTE);
    await oncall(box, ['note', '--action', 'restarted the pool']);
    box.clock.advance(5 * MINUTE);
    return box;
  }

  it('the text timeline says each day where it begins', async () => {
    const box = await pastMidnight();
    expect(lines((await oncall(box, ['timeline'])).stdout).slice(1, 5)).toEqual([
      '── Saturday 2026-11-21 ──',
      '23:50  alice@host       incident declared at SEV2: Checkout returns 500',
      '── Sunday 2026-11-22 ──',
      '00:10  alice@host       action: restarted the pool',
    ]);
  });

  it('--md dates the local column as the postmortem does; the UTC column too when its day changes', async () => {
    const box = await pastMidnight();
    const md = lines((await oncall(box, ['timeline', '--md'])).stdout);
    expect(md).toContain(
      '| 22:50 | 11-21 23:50 | alice@host | incident declared at SEV2: Checkout returns 500 |',
    );
    expect(md).toContain('| 23:10 | 11-22 00:10 | alice@host | action: restarted the pool |');
    box.env.TZ = 'UTC';
    box.clock.advance(60 * MINUTE);
    await oncall(box, ['note', 'after midnight in UTC']);
    const utc = lines((await oncall(box, ['timeline', '--md'])).stdout);
    expect(utc).toContain('| 11-22 00:15 | alice@host | note: after midnight in UTC |');
  });

  it('escalation and handoff lists give each time its day', async () => {
    const box = await pastMidnight();
    const escalation = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'look', '--no-send']);
    expect(escalation.stdout).toContain('11-22 00:10 restarted the pool');
    const handoff = await oncall(box, ['handoff', '--to', 'bob', '--no-send']);
    expect(handoff.stdout).toContain('11-22 00:10 restarted the pool');
  });

  it('a night within one day keeps bare clocks', async () => {
    const { box } = await night('Europe/Berlin', '2026-11-21T20:50:00.000Z');
    box.clock.advance(20 * MINUTE);
    await oncall(box, ['note', '--action', 'restarted the pool']);
    const timeline = (await oncall(box, ['timeline'])).stdout;
    expect(timeline).not.toContain('──');
    expect(timeline).toContain('22:10  alice@host       action: restarted the pool');
    const escalation = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'look', '--no-send']);
    expect(escalation.stdout).toContain('- 22:10 restarted the pool');
  });
});
