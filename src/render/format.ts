// Time as the texts show it. Pure: the time zone is a parameter, so a golden
// file renders the same on a laptop in Berlin and on CI in UTC.
import { formatDuration } from '../incident/time.js';

/** The zone to render local times in: TZ from the environment, else the system's. */
export function zoneOf(env: NodeJS.ProcessEnv): string {
  return env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

function partsIn(iso: string, tz: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(tz, 'en-US').formatToParts(new Date(iso))) out[p.type] = p.value;
  // en-US names American zones (EST) but writes GMT+1 for Berlin; en-GB names European ones (CET).
  if (out.timeZoneName?.startsWith('GMT')) {
    const gb = formatter(tz, 'en-GB')
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName');
    if (gb && !gb.value.startsWith('GMT')) out.timeZoneName = gb.value;
  }
  return out;
}

/** 21:14 in the given zone. */
export function localClock(iso: string, tz: string): string {
  const p = partsIn(iso, tz);
  return `${p.hour}:${p.minute}`;
}

/** 2026-11-21 21:14 EST */
export function localDateTime(iso: string, tz: string): string {
  const p = partsIn(iso, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** 02:14Z */
export function utcClockZ(iso: string): string {
  return `${iso.slice(11, 16)}Z`;
}

/** 2026-11-22 02:14 UTC */
export function utcDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The duration between two ISO times; never negative (a clock skew is not a story). */
export function between(from: string, to: string | Date): string {
  const end = typeof to === 'string' ? new Date(to) : to;
  return formatDuration(Math.max(0, end.getTime() - new Date(from).getTime()));
}
