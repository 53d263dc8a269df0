import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { formatDuration, parseWhen } from '../../../src/incident/time.js';

// Tests run with the process time zone; build expectations from local components.
const now = new Date(2026, 10, 22, 3, 30, 0, 0);

describe('parseWhen', () => {
  it('accepts ISO 8601 with a zone', () => {
    expect(parseWhen('2026-11-22T02:10:00Z', now).toISOString()).toBe('2026-11-22T02:10:00.000Z');
    expect(parseWhen('2026-11-22T03:10:00+01:00', now).toISOString()).toBe(
      '2026-11-22T02:10:00.000Z',
    );
  });
  it('reads ISO without a zone as local time', () => {
    expect(parseWhen('2026-11-22T02:10', now).getTime()).toBe(
      new Date(2026, 10, 22, 2, 10).getTime(),
    );
  });
  it('reads HH:MM as today, or yesterday when that would be in the future', () => {
    expect(parseWhen('02:10', now).getTime()).toBe(new Date(2026, 10, 22, 2, 10).getTime());
    expect(parseWhen('23:50', now).getTime()).toBe(new Date(2026, 10, 21, 23, 50).getTime());
  });
  it('reads relative times', () => {
    expect(now.getTime() - parseWhen('10m ago', now).getTime()).toBe(600_000);
    expect(now.getTime() - parseWhen('2h', now).getTime()).toBe(7_200_000);
    expect(now.getTime() - parseWhen('90 s ago', now).getTime()).toBe(90_000);
  });
  it('refuses nonsense and the future, naming the flag', () => {
    expect(() => parseWhen('soonish', now, '--at')).toThrow(/--at soonish: not a time/);
    expect(() => parseWhen('25:00', now, '--at')).toThrow(UsageError);
    expect(() => parseWhen('2027-01-01T00:00:00Z', now, '--started-at')).toThrow(
      /--started-at .* future/,
    );
  });
});

describe('formatDuration', () => {
  it('is short', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(27 * 3_600_000)).toBe('1d 3h');
  });
});
