// `oncall impact`: the impact as it is now, recorded; every text says the
// latest, and the fold keeps each one for the postmortem's impact over time.
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../../helpers/context.js';
import { oncall, readEvents, wordsIncident } from '../../../helpers/in-process.js';

describe('oncall impact', () => {
  it('records the impact now; status, updates and escalations say the latest', async () => {
    const box = await wordsIncident(['--impact', 'checkout errors for some users']);
    box.clock.advance(10 * MINUTE);
    const r = await oncall(box, ['impact', 'EU checkouts fail,', 'about 30%']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'Impact at 02:20: EU checkouts fail, about 30% (was: checkout errors for some users)',
    );
    expect(readEvents(box).at(-1)).toMatchObject({
      type: 'impact.changed',
      impact: 'EU checkouts fail, about 30%',
    });
    expect((await oncall(box, ['status'])).stdout).toContain(
      'Impact: EU checkouts fail, about 30%\n',
    );
    expect((await oncall(box, ['update', 'Rolling back'])).stdout).toContain(
      '**Impact:** EU checkouts fail, about 30%',
    );
    const escalation = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'look', '--no-send']);
    expect(escalation.stdout).toContain('EU checkouts fail, about 30%');
    expect(escalation.stdout).not.toContain('checkout errors for some users');

    const state = JSON.parse((await oncall(box, ['status', '--json'])).stdout);
    expect(state.impactHistory).toEqual([
      {
        ts: '2026-03-12T02:10:00.000Z',
        actor: 'alice@host',
        impact: 'checkout errors for some users',
      },
      {
        ts: '2026-03-12T02:20:00.000Z',
        actor: 'alice@host',
        impact: 'EU checkouts fail, about 30%',
      },
    ]);
  });

  it('the same impact again records nothing; an empty one is refused', async () => {
    const box = await wordsIncident(['--impact', 'slow search']);
    const before = readEvents(box).length;
    expect((await oncall(box, ['impact', 'slow search'])).stdout).toBe(
      'The impact is already that; nothing recorded.\n',
    );
    const empty = await oncall(box, ['impact', ' ']);
    expect(empty.code).toBe(2);
    expect(readEvents(box)).toHaveLength(before);
  });

  it('said of a resolved incident, is recorded, and stderr says it is over', async () => {
    const box = await wordsIncident(['--impact', 'slow search']);
    box.clock.advance(5 * MINUTE);
    await oncall(box, ['resolve']);
    const r = await oncall(box, ['impact', 'search was down for EU only']);
    expect(r.code).toBe(0);
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'impact.changed' });
    expect(r.stderr).toMatch(
      /^\S+ was resolved at 02:15; the impact is recorded there\. Something new\? `oncall start` opens a new incident\.\n$/,
    );
  });

  it('status without an impact says how to record one', async () => {
    const box = await wordsIncident();
    expect((await oncall(box, ['status'])).stdout).toContain(
      'Impact: not recorded yet (`oncall impact "who is affected, what they see"`)',
    );
  });
});
