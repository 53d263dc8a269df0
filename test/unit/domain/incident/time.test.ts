import { afterEach, describe, expect, it } from 'vitest';
import {
  between,
  formatDuration,
  formatWait,
  localClock,
  localDateTime,
  utcClock,
  utcDateTime,
  zoneAbbreviation,
  zoneOf,
} from '../../../../src/domain/incident/time.js';

describe('formatDuration', () => {
  it('is short', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(27 * 3_600_000)).toBe('1d 3h');
  });
});

// The one home of clocks, dates and durations: every clock is read in the zone
// it is given (not the process's), UTC is UTC whatever offset a time carries,
// and each duration format says what its readers need.
const AT = '2026-11-22T02:14:00.000Z';

describe('localClock', () => {
  it('reads the time of day in the zone it is given, whatever the process zone', () => {
    expect(localClock(AT, 'UTC')).toBe('02:14');
    expect(localClock(AT, 'America/New_York')).toBe('21:14');
    expect(localClock(AT, 'Europe/Berlin')).toBe('03:14');
    expect(localClock(AT, 'Asia/Kolkata')).toBe('07:44');
  });

  it('follows daylight saving time in that zone', () => {
    expect(localClock('2026-07-01T12:00:00.000Z', 'Europe/Berlin')).toBe('14:00');
    expect(localClock('2026-01-01T12:00:00.000Z', 'Europe/Berlin')).toBe('13:00');
  });

  it("reads the process's own zone when given none, or one Intl cannot read", () => {
    const here = new Date(AT);
    const own = `${String(here.getHours()).padStart(2, '0')}:${String(here.getMinutes()).padStart(2, '0')}`;
    expect(localClock(AT)).toBe(own);
    expect(localClock(AT, undefined)).toBe(own);
    expect(localClock(AT, 'Not/AZone')).toBe(own);
  });

  it("reads the process's zone per minute, across daylight saving and a change of TZ", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      // Beside the hour that never happened, the zone says how far apart they are.
      expect(localClock('2026-03-08T06:59:59.999Z')).toBe('01:59 EST');
      expect(localClock('2026-03-08T07:00:00.000Z')).toBe('03:00 EDT');
      expect(localClock('2026-03-08T07:00:59.999Z')).toBe('03:00 EDT');
      expect(localClock('2026-03-08T05:59:00.000Z')).toBe('00:59');
      expect(localClock('2026-03-08T08:00:00.000Z')).toBe('04:00');
      // The hour that happened twice, each time named; as Intl reads it with the zone given.
      for (const [at, shown] of [
        ['2026-11-01T04:59:00.000Z', '00:59'],
        ['2026-11-01T05:10:00.000Z', '01:10 EDT'],
        ['2026-11-01T06:10:00.000Z', '01:10 EST'],
        ['2026-11-01T07:00:00.000Z', '02:00'],
      ] as const) {
        expect(localClock(at)).toBe(shown);
        expect(localClock(new Date(at))).toBe(shown);
        process.env.TZ = 'UTC';
        expect(localClock(at, 'America/New_York')).toBe(shown);
        process.env.TZ = 'America/New_York';
      }
      expect(localClock(AT)).toBe('21:14');
      process.env.TZ = 'Asia/Kolkata';
      expect(localClock(AT)).toBe('07:44');
      expect(localClock('2026-11-22T02:14:59.999Z')).toBe('07:44');
      // Not a time as oncall writes one: read as Date reads it.
      expect(localClock('2026-11-22T02:14:00+00:00')).toBe('07:44');
      expect(localClock('1969-07-20T20:17:40.000Z')).toBe('01:47');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('takes a Date as well as an ISO string, and writes midnight as 00', () => {
    expect(localClock(new Date(AT), 'Asia/Tokyo')).toBe('11:14');
    expect(localClock('2026-11-22T05:00:00.000Z', 'America/New_York')).toBe('00:00');
  });
});

describe('localDateTime', () => {
  it('gives the date in that zone and a short zone name', () => {
    expect(localDateTime(AT, 'America/New_York')).toBe('2026-11-21 21:14 EST');
    expect(localDateTime(AT, 'Europe/Berlin')).toBe('2026-11-22 03:14 CET');
    expect(localDateTime(AT, 'UTC')).toBe('2026-11-22 02:14 UTC');
  });
});

describe('utcClock and utcDateTime', () => {
  it('read UTC, honouring an offset written in the time', () => {
    expect(utcClock(AT)).toBe('02:14');
    expect(utcClock('2026-11-22T03:14:00+01:00')).toBe('02:14');
    expect(utcClock(new Date(AT))).toBe('02:14');
    expect(utcDateTime('2026-11-21T21:14:00-05:00')).toBe('2026-11-22 02:14 UTC');
  });

  it('do not fail a render on text that is no time (a team template may pass any field)', () => {
    expect(() => utcDateTime('not a time')).not.toThrow();
    expect(utcClock('')).toBe('');
  });
});

describe('zoneOf', () => {
  it('is TZ when Intl knows that zone', () => {
    expect(zoneOf({ TZ: 'Asia/Kolkata' })).toBe('Asia/Kolkata');
  });

  it("falls back to the process's zone without TZ, or with one Intl cannot read", () => {
    const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(zoneOf({})).toBe(processZone);
    expect(zoneOf({ TZ: 'CET-1CEST' })).toBe(processZone);
    expect(zoneOf({ TZ: 'Not/AZone' })).toBe(processZone);
    expect(() => localClock(AT, zoneOf({ TZ: 'Not/AZone' }))).not.toThrow();
  });
});

describe('durations', () => {
  it('formatDuration rounds down for a status line, and keeps the sign', () => {
    expect(formatDuration(90_000)).toBe('1m');
    expect(formatDuration(-(65 * 60_000))).toBe('-1h 05m');
    expect(formatDuration(0)).toBe('0s');
  });

  it('between is never negative', () => {
    expect(between('2026-11-22T02:00:00.000Z', new Date('2026-11-22T02:12:30.000Z'))).toBe('12m');
    expect(between('2026-11-22T02:00:00.000Z', '2026-11-22T01:00:00.000Z')).toBe('0s');
  });

  it('formatWait says a runbook wait exactly, as people write it', () => {
    expect(formatWait(90)).toBe('90s');
    expect(formatWait(119)).toBe('119s');
    expect(formatWait(120)).toBe('2m');
    expect(formatWait(330)).toBe('5m30s');
    expect(formatWait(600)).toBe('10m');
    expect(formatWait(5400)).toBe('1h30m');
    expect(formatWait(3605)).toBe('1h5s');
  });
});

/** Intl's own parts of `iso` in `tz`: what time.ts is held to. */
function intlParts(iso: string, tz: string): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
}

describe('localDateTime, read through its per-minute memo', () => {
  /** Intl's own answer, without the memo: date and time to the minute. */
  const intl = (iso: string, tz: string) => {
    const parts = intlParts(iso, tz);
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };

  it.each([
    ['Europe/Berlin', '2026-03-29T00:58:00.000Z'],
    ['America/New_York', '2026-11-01T05:58:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:58:00.000Z'],
    ['Asia/Kathmandu', '2026-11-22T02:58:00.000Z'],
  ])('agrees with Intl every second across a change of offset (%s)', (tz, from) => {
    for (let s = 0; s < 4 * 60; s += 7) {
      const iso = new Date(Date.parse(from) + s * 1000 + 123).toISOString();
      expect(localDateTime(iso, tz).slice(0, 16)).toBe(intl(iso, tz));
    }
  });

  it('reads a log time by its text and any other time through Date, to the same answer', () => {
    const tz = 'Europe/Berlin';
    for (const iso of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z']) {
      expect(localDateTime(iso, tz)).toBe(localDateTime(new Date(iso), tz));
      expect(utcDateTime(iso)).toBe(utcDateTime(new Date(iso)));
    }
    // Not as oncall writes times (an offset, no milliseconds): parsed, never sliced.
    expect(localDateTime('2026-03-29T03:00:00+02:00', tz)).toBe('2026-03-29 03:00 CEST');
    expect(utcDateTime('2026-03-29T03:00:00+02:00')).toBe('2026-03-29 01:00 UTC');
  });

  it('names the zone as it was at that minute', () => {
    expect(localDateTime('2026-03-29T00:59:59.999Z', 'Europe/Berlin')).toBe('2026-03-29 01:59 CET');
    expect(localDateTime('2026-03-29T01:00:00.000Z', 'Europe/Berlin')).toBe(
      '2026-03-29 03:00 CEST',
    );
  });

  it('before 1972, when offsets had seconds, asks Intl for each instant', () => {
    // Monrovia kept -00:44:30 until 1972: one UTC minute spans two local ones.
    const tz = 'Africa/Monrovia';
    for (const iso of ['1960-06-01T12:00:00.000Z', '1960-06-01T12:00:40.000Z'])
      expect(localDateTime(iso, tz).slice(0, 16)).toBe(intl(iso, tz));
    expect(localDateTime('1960-06-01T12:00:00.000Z', tz).slice(11, 16)).toBe('11:15');
    expect(localDateTime('1960-06-01T12:00:40.000Z', tz).slice(11, 16)).toBe('11:16');
  });
});

// UTC's clock is read off the ISO string and the process's zone named through
// Date when that is UTC, so a command on a server in UTC never starts Intl:
// both must give exactly what Intl would have.
describe('UTC without Intl', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  /** Intl's own answers in `tz`, as time.ts asked before it read UTC itself. */
  const intl = (iso: string, tz: string) => {
    const parts = intlParts(iso, tz);
    const clock = `${parts.hour}:${parts.minute}`;
    const dateTime = `${parts.year}-${parts.month}-${parts.day} ${clock} ${parts.timeZoneName}`;
    return { clock, dateTime, zone: parts.timeZoneName };
  };

  it.each(['UTC', 'Etc/UTC'])('formats %s exactly as Intl does', (tz) => {
    process.env.TZ = 'Asia/Kolkata'; // so the clock is not read through Date either
    const instants = [
      '1972-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-11-22T02:14:33.123Z',
      '9999-12-31T23:59:00.000Z',
    ];
    for (let day = 0; day < 366; day += 13)
      instants.push(
        new Date(Date.UTC(2026, 0, 1, day % 24, day % 60) + day * 86_400_000).toISOString(),
      );
    for (const iso of instants) {
      const expected = intl(iso, tz);
      for (const at of [iso, new Date(iso)]) {
        expect(localClock(at, tz)).toBe(expected.clock);
        expect(localDateTime(at, tz)).toBe(expected.dateTime);
        expect(zoneAbbreviation(at, tz)).toBe(expected.zone);
      }
    }
  });

  it.each([
    undefined, // this machine's own zone (/etc/localtime)
    'UTC',
    'Etc/UTC',
    'Etc/UCT',
    'Etc/Universal',
    'Etc/Zulu',
    'Etc/GMT',
    'Etc/GMT0',
    'GMT',
    'Greenwich',
    'Europe/London',
    'Africa/Abidjan',
    'Atlantic/Reykjavik',
    'Europe/Berlin',
    'UTC0',
    'Not/AZone',
    ':UTC',
  ])("names the process's zone as Intl does (TZ=%s)", (tz) => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
    expect(zoneOf({})).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  });
});
