// Nothing leaves the laptop unredacted. Events were redacted when recorded,
// but `oncall note` uses only the quick forms (the gitleaks rules and the
// team's config patterns cost more than a note may): before an event is
// shared, every text in it goes through the full redactor. Only the fields
// that name things the fold matches on (ids, times, kinds, who) are left as
// they are: changing one would break the event, and none holds free text.
import { type OncallEvent, validateEvent } from '../incident/events.js';
import type { Redactor } from './redact.js';

const STRUCTURAL = new Set([
  'v',
  'id',
  'incident',
  'ts',
  'recordedAt',
  'actor',
  'type',
  'lamport',
  'drill',
  'kind',
  'severity',
  'from',
  'to',
  'handoff',
  'runId',
  'stepId',
  'startedAt',
  'detectedAt',
  'nextUpdateDue',
  'outcome',
  'reason',
  'hash',
  'next',
  'variable',
  'secret',
  'exitCode',
  'signal',
  'durationMs',
  'waitedMs',
  'interrupted',
]);

/** `reason` is free text on a skipped step, a fixed word on walk.moved. */
const FREE_REASON = new Set(['step.skipped', 'severity.changed']);

function redactValue(value: unknown, key: string, type: string, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.text(value);
  if (Array.isArray(value)) {
    if (key === 'argv' && value.every((v) => typeof v === 'string')) return redactor.argv(value);
    return value.map((v) => redactValue(v, key, type, redactor));
  }
  if (value && typeof value === 'object') return redactFields(value, type, redactor);
  return value;
}

function redactFields(fields: object, type: string, redactor: Redactor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const structural = STRUCTURAL.has(key) && !(key === 'reason' && FREE_REASON.has(type));
    out[key] = structural ? value : redactValue(value, key, type, redactor);
  }
  return out;
}

/** The event as it may be shared: every free text redacted; still a valid event. */
export function redactForSharing(event: OncallEvent, redactor: Redactor): OncallEvent {
  const checked = validateEvent(redactFields(event, event.type, redactor));
  // Redaction only replaces text with text: an invalid result would be a bug, and is not shared.
  if (!checked.success) throw new Error(`redacting event ${event.id} broke it`);
  return checked.data;
}
