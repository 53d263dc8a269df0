// Times as typed: every form is read in the zone it is given (not the
// process's), impossible dates and times are refused with the reason instead
// of rolling over, times outside the window are refused, and a local time in a
// daylight-saving gap or overlap is taken with a notice saying which.
import { afterEach, describe, expect, it } from 'vitest';
import { localClock, localDateTime } from '../../../../src/domain/incident/time.js';
import { parseWhen, SKEW_MS, WINDOW_DAYS } from '../../../../src/domain/incident/when.js';
import { UsageError } from '../../../../src/errors.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

const at = (text: string, now: string, tz = 'UTC', flag = '--at') =>
  parseWhen(text, { now: new Date(now), flag, tz });
const iso = (text: string, now: string, tz = 'UTC') => at(text, now, tz).at.toISOString();
const refusal = (text: string, now: string, tz = 'UTC', flag = '--at') => {
  try {
    at(text, now, tz, flag);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${text} was accepted`);
};

const NOW = '2026-11-22T03:30:00.000Z';

describe('the forms a responder types', () => {
  it('reads ISO 8601 with a zone, whatever zone the responder is in', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      expect(iso('2026-11-22T02:10:00Z', NOW, tz)).toBe('2026-11-22T02:10:00.000Z');
      expect(iso('2026-11-22T03:10:00+01:00', NOW, tz)).toBe('2026-11-22T02:10:00.000Z');
    }
    expect(iso('2026-11-22 07:40+0530', NOW)).toBe('2026-11-22T02:10:00.000Z');
    expect(iso('2026-11-21t21:10:00.250-05:00', NOW)).toBe('2026-11-22T02:10:00.250Z');
    expect(iso('2026-11-22T02:10z', NOW)).toBe('2026-11-22T02:10:00.000Z');
  });

  it('reads ISO without a zone as local time in the zone it is given', () => {
    expect(iso('2026-11-22T02:10', NOW, 'UTC')).toBe('2026-11-22T02:10:00.000Z');
    expect(iso('2026-11-22T03:10', NOW, 'Europe/Berlin')).toBe('2026-11-22T02:10:00.000Z');
    expect(iso('2026-11-21T21:10', NOW, 'America/New_York')).toBe('2026-11-22T02:10:00.000Z');
    expect(iso('2026-11-22T07:40', NOW, 'Asia/Kolkata')).toBe('2026-11-22T02:10:00.000Z');
    // Lord Howe is on summer time (+11) in November, half an hour more than its +10:30.
    expect(iso('2026-11-22T13:10', NOW, 'Australia/Lord_Howe')).toBe('2026-11-22T02:10:00.000Z');
    expect(iso('2026-07-01T12:40', '2026-07-02T00:00:00Z', 'Australia/Lord_Howe')).toBe(
      '2026-07-01T02:10:00.000Z',
    );
  });

  it('reads HH:MM as today in that zone, or yesterday when today would be ahead', () => {
    // 03:30 UTC is 04:30 in Berlin, 22:30 the day before in New York, 09:00 in Kolkata.
    expect(iso('02:10', NOW, 'UTC')).toBe('2026-11-22T02:10:00.000Z');
    expect(iso('04:10', NOW, 'Europe/Berlin')).toBe('2026-11-22T03:10:00.000Z');
    expect(iso('05:10', NOW, 'Europe/Berlin')).toBe('2026-11-21T04:10:00.000Z');
    expect(iso('22:00', NOW, 'America/New_York')).toBe('2026-11-22T03:00:00.000Z');
    expect(iso('23:50', NOW, 'America/New_York')).toBe('2026-11-21T04:50:00.000Z');
    expect(iso('08:45:30', NOW, 'Asia/Kolkata')).toBe('2026-11-22T03:15:30.000Z');
  });

  it('takes a time of day a few seconds ahead (another clock) as today, not yesterday', () => {
    expect(iso('03:31', '2026-11-22T03:30:20Z')).toBe('2026-11-22T03:31:00.000Z');
    expect(iso('03:32', '2026-11-22T03:30:20Z')).toBe('2026-11-21T03:32:00.000Z');
  });

  it('reads relative times', () => {
    const ago = (text: string) => new Date(NOW).getTime() - at(text, NOW).at.getTime();
    expect(ago('10m ago')).toBe(10 * MINUTE);
    expect(ago('2h')).toBe(120 * MINUTE);
    expect(ago('90 s ago')).toBe(90_000);
    expect(ago('3 hours ago')).toBe(180 * MINUTE);
    expect(ago('0m ago')).toBe(0);
  });

  it('refuses what it cannot read, naming the flag and the forms it reads', () => {
    expect(refusal('soonish', NOW, 'UTC', '--at')).toMatch(
      /^--at soonish: not a time I understand/,
    );
    expect(refusal('2026-11-22', NOW, 'UTC', '--started-at')).toMatch(/^--started-at 2026-11-22:/);
    expect(refusal('10 days ago', NOW)).toMatch(/not a time I understand/);
    expect(refusal('-5m ago', NOW)).toMatch(/not a time I understand/);
  });
});

describe('impossible dates and times are refused, never rolled over', () => {
  it('knows how many days each month has, leap years included', () => {
    expect(refusal('2026-02-30T10:00', NOW, 'UTC')).toBe(
      '--at 2026-02-30T10:00: February has 28 days in 2026',
    );
    expect(refusal('2026-02-29T10:00Z', NOW)).toMatch(/February has 28 days in 2026$/);
    expect(refusal('2028-02-30T10:00Z', '2028-03-01T00:00:00Z')).toMatch(
      /February has 29 days in 2028$/,
    );
    expect(refusal('2100-02-29T10:00Z', '2100-03-01T00:00:00Z')).toMatch(
      /February has 28 days in 2100$/,
    );
    for (const [month, name] of [
      ['04', 'April'],
      ['06', 'June'],
      ['09', 'September'],
      ['11', 'November'],
    ]) {
      expect(refusal(`2026-${month}-31T10:00`, NOW, 'Europe/Berlin')).toMatch(
        new RegExp(`${name} has 30 days in 2026$`),
      );
    }
    expect(refusal('2026-01-45T10:00', NOW)).toMatch(/January has 31 days in 2026$/);
    expect(refusal('2026-11-00T10:00', NOW)).toMatch(/there is no day 0/);
    expect(refusal('2026-13-01T10:00', NOW)).toMatch(/there is no month 13/);
    expect(refusal('2026-00-10T10:00Z', NOW)).toMatch(/there is no month 0/);
  });

  it('accepts the 29th of February in a leap year (2028, and 2000 by the 400-year rule)', () => {
    expect(iso('2028-02-29T10:00Z', '2028-03-01T00:00:00Z')).toBe('2028-02-29T10:00:00.000Z');
    expect(iso('2000-02-29T10:00', '2000-03-01T00:00:00Z', 'Europe/Berlin')).toBe(
      '2000-02-29T09:00:00.000Z',
    );
  });

  it('refuses hours, minutes and seconds past the end of their range', () => {
    expect(refusal('24:30', NOW)).toBe('--at 24:30: there is no hour 24; hours go from 00 to 23');
    expect(refusal('24:00', NOW, 'Asia/Kolkata')).toMatch(/there is no hour 24/);
    expect(refusal('2026-11-21T24:30', NOW)).toMatch(/there is no hour 24/);
    expect(refusal('23:60', NOW)).toMatch(/there is no minute 60/);
    expect(refusal('2026-11-21T10:75Z', NOW)).toMatch(/there is no minute 75/);
    expect(refusal('10:00:60', NOW)).toMatch(/there is no second 60/);
    expect(refusal('99:00', NOW)).toMatch(/there is no hour 99/);
  });

  it('refuses an offset no zone has', () => {
    expect(refusal('2026-11-22T02:10+25:00', NOW)).toMatch(/there is no UTC offset \+25:00/);
    expect(refusal('2026-11-22T02:10+01:75', NOW)).toMatch(/there is no UTC offset/);
    expect(iso('2026-11-22T16:10+14:00', NOW)).toBe('2026-11-22T02:10:00.000Z');
  });
});

describe(`the window: ${WINDOW_DAYS} days back, a minute ahead`, () => {
  it('refuses a year that is surely a typo, with how far off it is', () => {
    expect(refusal('0001-01-01T00:00Z', NOW)).toMatch(
      /^--at 0001-01-01T00:00Z: that is about 2025 years ago; give a time from the last 14 days$/,
    );
    expect(refusal('0001-01-01T00:00', NOW, 'Europe/Berlin')).toMatch(/about 2025 years ago/);
    expect(refusal('2025-11-22T03:00Z', NOW)).toMatch(/that is 365 days ago/);
    expect(refusal('9999-12-31T23:59Z', NOW)).toMatch(/years in the future/);
  });

  it('takes the last 14 days and refuses the day before', () => {
    const now = new Date(NOW).getTime();
    const back = (ms: number) => new Date(now - ms).toISOString();
    expect(iso(back(WINDOW_DAYS * DAY), NOW)).toBe(back(WINDOW_DAYS * DAY));
    expect(iso(back(13 * DAY), NOW, 'Europe/Berlin')).toBe(back(13 * DAY));
    expect(refusal(back(WINDOW_DAYS * DAY + MINUTE), NOW)).toMatch(/that is 14 days ago/);
    expect(refusal(back(40 * DAY), NOW, 'America/New_York')).toMatch(/that is 40 days ago/);
  });

  it('takes a minute ahead (clocks differ) and refuses more', () => {
    const now = new Date(NOW).getTime();
    const ahead = (ms: number) => new Date(now + ms).toISOString();
    expect(iso(ahead(SKEW_MS), NOW)).toBe(ahead(SKEW_MS));
    expect(refusal(ahead(SKEW_MS + 1_000), NOW, 'UTC', '--started-at')).toBe(
      `--started-at ${ahead(SKEW_MS + 1_000)}: that is 2m in the future. Give when it happened.`,
    );
    expect(refusal('2026-11-22T07:30', NOW, 'Europe/Berlin')).toMatch(/that is 3h in the future/);
  });

  it('refuses relative times beyond the window, however large, without a stack', () => {
    expect(refusal('100000000h ago', NOW)).toBe(
      '--at 100000000h ago: that is about 11407 years ago; give a time from the last 14 days',
    );
    expect(refusal('99999999999999999999999999h ago', NOW)).toMatch(/too long ago/);
    expect(refusal(`${WINDOW_DAYS * 24 + 1}h ago`, NOW)).toMatch(/that is 14 days ago/);
    expect(iso(`${WINDOW_DAYS * 24 * 60}m ago`, NOW)).toBe(
      new Date(new Date(NOW).getTime() - WINDOW_DAYS * DAY).toISOString(),
    );
  });
});

describe('daylight saving: a local time that never happened, or happened twice', () => {
  const gaps = [
    // zone, day, typed, instant taken, what the clock showed then
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', '03:30', 'CEST', '1h'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', '03:30', 'EDT', '1h'],
    // Lord Howe springs forward by half an hour, 02:00 -> 02:30.
    [
      'Australia/Lord_Howe',
      '2026-10-04',
      '02:15',
      '2026-10-03T15:45:00.000Z',
      '02:45',
      'GMT+11',
      '30m',
    ],
  ] as const;

  for (const [tz, day, typed, instant, shown, zone, jump] of gaps) {
    it(`${typed} on ${day} in ${tz} does not exist: the clock had jumped ${jump}`, () => {
      const now = new Date(new Date(`${day}T12:00:00Z`).getTime() + DAY).toISOString();
      const when = at(`${day}T${typed}`, now, tz);
      expect(when.at.toISOString()).toBe(instant);
      expect(when.notice).toBe(
        `--at ${day}T${typed}: ${typed} does not exist on ${day} in ${tz} (clocks jumped forward ${jump}); using ${shown} (${zone})`,
      );
      expect(localDateTime(when.at, tz)).toBe(`${day} ${shown} ${zone}`);
    });
  }

  const overlaps = [
    // zone, day, typed, first instant, second instant, first zone, shift, the second's offset
    [
      'Europe/Berlin',
      '2026-10-25',
      '02:30',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
      'CEST',
      '1h',
      '+01:00',
    ],
    [
      'America/New_York',
      '2026-11-01',
      '01:30',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
      'EDT',
      '1h',
      '-05:00',
    ],
    // Lord Howe falls back by half an hour, 02:00 -> 01:30.
    [
      'Australia/Lord_Howe',
      '2026-04-05',
      '01:45',
      '2026-04-04T14:45:00.000Z',
      '2026-04-04T15:15:00.000Z',
      'GMT+11',
      '30m',
      '+10:30',
    ],
  ] as const;

  for (const [tz, day, typed, first, second, zone, shift, offset] of overlaps) {
    it(`${typed} on ${day} in ${tz} happened twice: the later is taken and said, and the earlier can be named`, () => {
      const now = new Date(new Date(`${day}T12:00:00Z`).getTime() + DAY).toISOString();
      const when = at(`${day}T${typed}`, now, tz);
      expect(when.at.toISOString()).toBe(second);
      expect(when.notice).toMatch(
        `--at ${day}T${typed}: ${typed} happened twice on ${day} in ${tz} (clocks went back ${shift}); using the later, ${typed} `,
      );
      expect(when.notice).toMatch(`. For the earlier, give ${day}T${typed}`);
      const earlier = (when.notice ?? '').split('give ')[1] ?? '';
      expect(iso(earlier, now, tz)).toBe(first);
      expect(localDateTime(first, tz)).toBe(`${day} ${typed} ${zone}`);
      // Its offset, or the short name oncall prints by it, names either one.
      expect(iso(`${day}T${typed} ${zone}`, now, tz)).toBe(first);
      expect(iso(`${day}T${typed}${offset}`, now, tz)).toBe(second);
    });
  }

  it('times next to a change, and in a zone without one, come without a notice', () => {
    const berlin = (text: string) => at(text, '2026-10-26T12:00:00Z', 'Europe/Berlin');
    expect(berlin('2026-10-25T01:59').notice).toBeUndefined();
    expect(berlin('2026-10-25T03:00').at.toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(berlin('2026-10-25T03:00').notice).toBeUndefined();
    const kolkata = at('2026-03-29T02:30', '2026-03-30T00:00:00Z', 'Asia/Kolkata');
    expect(kolkata).toEqual({ at: new Date('2026-03-28T21:00:00.000Z') });
  });

  it('every quarter hour around each change reads back to the time typed, unless it never happened', () => {
    const days = [
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Australia/Lord_Howe', '2026-10-04'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Asia/Kolkata', '2026-03-29'],
    ] as const;
    for (const [tz, day] of days) {
      const now = new Date(new Date(`${day}T12:00:00Z`).getTime() + DAY).toISOString();
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const typed = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const when = at(`${day}T${typed}`, now, tz);
        const readBack = localDateTime(when.at, tz).slice(0, 16);
        if (when.notice?.includes('does not exist'))
          expect(readBack > `${day} ${typed}`).toBe(true);
        else expect(readBack).toBe(`${day} ${typed}`);
      }
    }
  });
});

describe("the process's own zone", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('reads the same instants and says the same notices through Date as through Intl', () => {
    const cases = [
      ['Europe/Berlin', '2026-03-29T02:30', '2026-03-30T00:00:00Z'],
      ['Europe/Berlin', '2026-10-25T02:30', '2026-10-26T00:00:00Z'],
      ['America/New_York', '2026-11-01T01:30', '2026-11-02T00:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-05T00:00:00Z'],
      ['Asia/Kolkata', '07:40', NOW],
    ] as const;
    for (const [tz, text, now] of cases) {
      process.env.TZ = 'UTC';
      const viaIntl = at(text, now, tz);
      // Node follows a change of TZ at once; the zone is then the process's own, read through Date.
      process.env.TZ = tz;
      expect(at(text, now, tz)).toEqual(viaIntl);
      expect(parseWhen(text, { now: new Date(now), flag: '--at' })).toEqual(viaIntl);
    }
  });
});

describe('a bare HH:MM on the night clocks change: the latest time the clock showed it, never silently an hour off', () => {
  const NY = 'America/New_York';
  // 2026-11-01: 02:00 EDT (06:00Z) -> 01:00 EST. At 06:40Z the clock shows 01:40 EST.
  const AT_0140_EST = '2026-11-01T06:40:00.000Z';

  it('01:30 typed at 01:40 EST is ten minutes ago, and says which 01:30 it took', () => {
    const when = at('01:30', AT_0140_EST, NY);
    expect(when.at.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(when.notice).toBe(
      '--at 01:30: 01:30 happened twice on 2026-11-01 in America/New_York (clocks went back 1h); using the later, 01:30 EST (10m ago). For the earlier, give 01:30 EDT',
    );
  });

  it('the zone name or an offset picks either one, without a notice', () => {
    expect(at('01:30 EDT', AT_0140_EST, NY)).toEqual({ at: new Date('2026-11-01T05:30:00Z') });
    expect(at('01:30 est', AT_0140_EST, NY)).toEqual({ at: new Date('2026-11-01T06:30:00Z') });
    expect(iso('01:30-04:00', AT_0140_EST, NY)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('01:30 -05:00', AT_0140_EST, NY)).toBe('2026-11-01T06:30:00.000Z');
    expect(iso('06:30 UTC', AT_0140_EST, NY)).toBe('2026-11-01T06:30:00.000Z');
    expect(iso('06:30Z', AT_0140_EST, NY)).toBe('2026-11-01T06:30:00.000Z');
  });

  it('a time only the first hour has reached yet is that one, without a notice', () => {
    // 01:50 EST is ahead at 01:40 EST: 01:50 EDT, 50 minutes ago, is the only one past.
    const when = at('01:50', AT_0140_EST, NY);
    expect(when.at.toISOString()).toBe('2026-11-01T05:50:00.000Z');
    expect(at('01:30', '2026-11-01T05:40:00.000Z', NY)).toEqual({
      at: new Date('2026-11-01T05:30:00Z'),
    });
  });

  it('a zone name the clocks did not show with that time is refused with the ones they did', () => {
    expect(refusal('01:50 EST', '2026-11-01T07:20:00.000Z', 'Europe/Berlin')).toBe(
      '--at 01:50 EST: Europe/Berlin\'s clocks did not show 01:50 EST today or yesterday (they showed 01:50 CET). Give the time as they showed it, an offset (01:50+01:00), or how long ago ("20m ago")',
    );
    expect(refusal('01:30 CET', AT_0140_EST, NY)).toMatch(
      /did not show 01:30 CET today or yesterday \(they showed 01:30 EDT or 01:30 EST\)/,
    );
    expect(refusal('01:55 EST', AT_0140_EST, NY)).toBe(
      '--at 01:55 EST: 01:55 EST is still ahead. Give when it happened',
    );
    expect(refusal('01:30-05:00 EST', AT_0140_EST, NY)).toMatch(
      /a zone name or an offset, not both/,
    );
  });

  it('every time printed on that night reads back as the instant it was printed for', () => {
    const nights = [
      [NY, '2026-11-01T03:00:00Z'],
      [NY, '2026-03-08T05:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T13:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T14:00:00Z'],
      ['Europe/Berlin', '2026-10-24T23:00:00Z'],
      ['Asia/Kolkata', '2026-10-24T23:00:00Z'],
    ] as const;
    for (const [tz, from] of nights) {
      for (let m = 0; m < 5 * 60; m += 5) {
        const now = new Date(new Date(from).getTime() + m * MINUTE);
        const shown = localClock(now, tz);
        const when = at(shown, now.toISOString(), tz);
        expect(`${tz} ${shown}: ${when.at.toISOString()}`).toBe(
          `${tz} ${shown}: ${now.toISOString()}`,
        );
      }
    }
  });

  it('on the night clocks go forward, 02:30 is read as the clock did (03:30 EDT), said, or refused while that is ahead', () => {
    const gap = at('02:30', '2026-03-08T07:45:00Z', NY); // 03:45 EDT
    expect(gap.at.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(gap.notice).toMatch(
      /02:30 does not exist on 2026-03-08 in America\/New_York .*using 03:30 \(EDT\)/,
    );
    // At 03:10 EDT, 03:30 is ahead: refused, never yesterday's 02:30 a day off.
    expect(refusal('02:30', '2026-03-08T07:10:00Z', NY)).toBe(
      '--at 02:30: 02:30 does not exist on 2026-03-08 in America/New_York (clocks jumped forward 1h), and 03:30 is still ahead. Give the time as the clock showed it, or how long ago ("20m ago")',
    );
    expect(refusal('02:30 EDT', '2026-03-08T07:45:00Z', NY)).toMatch(/did not show 02:30 EDT/);
    // Lord Howe's half hour: 02:15 does not exist on 2026-10-04.
    const howe = at('02:15', '2026-10-03T16:00:00Z', 'Australia/Lord_Howe');
    expect(howe.at.toISOString()).toBe('2026-10-03T15:45:00.000Z');
    expect(howe.notice).toMatch(/clocks jumped forward 30m/);
  });

  it("Lord Howe's half-hour overlap, and a zone without daylight saving", () => {
    // 2026-04-05 02:00 (+11) -> 01:30 (+10:30); at 15:20Z the clock shows 01:50 +10:30.
    const howe = at('01:45', '2026-04-04T15:20:00Z', 'Australia/Lord_Howe');
    expect(howe.at.toISOString()).toBe('2026-04-04T15:15:00.000Z');
    expect(howe.notice).toMatch(
      /clocks went back 30m\); using the later, 01:45 GMT\+10:30 \(5m ago\)\. For the earlier, give 01:45 GMT\+11$/,
    );
    expect(iso('01:45 GMT+11', '2026-04-04T15:20:00Z', 'Australia/Lord_Howe')).toBe(
      '2026-04-04T14:45:00.000Z',
    );
    expect(at('01:30', '2026-11-01T06:40:00Z', 'Asia/Kolkata')).toEqual({
      at: new Date('2026-10-31T20:00:00Z'),
    });
  });
});
