// Time as responders type it and read it. Pure: the clock is passed in.
import { UsageError } from '../errors.js';

const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const AGO = /^(\d+)\s*(s|m|h|min|mins|minutes?|hours?|hrs?|sec|secs|seconds?)\s*(ago)?$/i;

/**
 * Parses `--at`/`--started-at` values:
 * - ISO 8601 with a zone (`2026-11-22T02:10:00Z`, `…+01:00`), or without one (local time);
 * - a local `HH:MM` (or `HH:MM:SS`): today, or yesterday if that would be in the future;
 * - a relative `10m ago`, `2h`, `90s ago`.
 * Times in the future are refused: the log records what happened.
 */
export function parseWhen(input: string, now: Date, flag = '--at'): Date {
  const text = input.trim();
  let when: Date | undefined;
  const local = ISO_LOCAL.exec(text);
  const clock = CLOCK.exec(text);
  const ago = AGO.exec(text);
  if (ISO_WITH_ZONE.test(text)) {
    when = new Date(text.replace(' ', 'T'));
  } else if (local) {
    const [, y, mo, d, h, mi, s, ms] = local;
    when = new Date(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s ?? 0),
      Number((ms ?? '0').padEnd(3, '0')),
    );
  } else if (clock) {
    const [, h, mi, s] = clock;
    const hours = Number(h);
    const minutes = Number(mi);
    if (hours > 23 || minutes > 59 || Number(s ?? 0) > 59) {
      throw new UsageError(`${flag} ${input}: not a time of day. Use HH:MM, e.g. ${flag} 02:10`);
    }
    when = new Date(now);
    when.setHours(hours, minutes, Number(s ?? 0), 0);
    if (when.getTime() > now.getTime()) when.setDate(when.getDate() - 1);
  } else if (ago) {
    const amount = Number(ago[1]);
    const unit = (ago[2] ?? 'm').toLowerCase();
    const ms = unit.startsWith('h') ? 3_600_000 : unit.startsWith('s') ? 1_000 : 60_000;
    when = new Date(now.getTime() - amount * ms);
  }
  if (!when || Number.isNaN(when.getTime())) {
    throw new UsageError(
      `${flag} ${input}: not a time I understand. Use ISO 8601 (2026-11-22T02:10:00Z), a local HH:MM, or "10m ago"`,
    );
  }
  if (when.getTime() > now.getTime() + 60_000) {
    throw new UsageError(`${flag} ${input}: that is in the future. Give when it happened.`);
  }
  return when;
}

/** 45s, 12m, 1h 05m, 2d 3h: short enough for a status line. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s}s`;
  let m = Math.floor(s / 60);
  s %= 60;
  if (m < 60) return `${sign}${m}m`;
  let h = Math.floor(m / 60);
  m %= 60;
  if (h < 24) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  const d = Math.floor(h / 24);
  h %= 24;
  return `${sign}${d}d ${h}h`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM in local time. */
export function clockTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** HH:MM in UTC. */
export function utcClock(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
