// Every text a person typed or a command printed is redacted where it is
// recorded, whichever command recorded it: a severity reason, a milestone
// summary, an escalation's ask and a handoff note are pasted into as often as
// a note is. Commands that redact with the full redactor (run, update, the
// walk's notes) still do; this is the floor under all of them, so a new event
// type or a new command cannot write a pasted secret to the log by forgetting.
// Only free-text fields are touched: ids, times, kinds and names stay exact.
import type { EventInput, EventType } from '../incident/events.js';
import { redactQuick } from './redact-quick.js';

/** What scrubbing needs of a redactor: the full one (text/redact.ts) fits. */
export interface TextRedactor {
  text(text: string): string;
  /** Arguments redacted in the context of each other; without it, argv is left as recorded. */
  argv?(argv: readonly string[]): string[];
}

/** The free-text fields of each event type: what a person typed, or output. */
const FREE_TEXT: Partial<Record<EventType, readonly string[]>> = {
  'incident.opened': ['title', 'service', 'impact', 'alert', 'labels'],
  'incident.mitigated': ['summary'],
  'incident.resolved': ['summary'],
  'severity.changed': ['reason'],
  'impact.changed': ['impact'],
  note: ['text'],
  'update.sent': ['text', 'message'],
  escalation: ['ask'],
  handoff: ['note'],
  'command.started': ['argv', 'values'],
  'command.finished': ['outputTail'],
  'step.completed': ['note'],
  'step.skipped': ['reason'],
  'step.answered': ['value'],
};

/** The redactor cheap enough for every command: hand-written forms, telling tokens, secret env values. */
export function quickRedactor(env: NodeJS.ProcessEnv): TextRedactor {
  return { text: (text) => redactQuick(text, env) };
}

function scrubValue(value: unknown, key: string, redactor: TextRedactor): unknown {
  if (typeof value === 'string') return redactor.text(value);
  if (Array.isArray(value)) {
    const words = value.every((v) => typeof v === 'string');
    if (key === 'argv' && words) return redactor.argv ? redactor.argv(value) : value;
    return value.map((v) => scrubValue(v, key, redactor));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scrubValue(v, key, redactor)]),
    );
  }
  return value;
}

/** The fields named redacted, the rest as they are (same object when nothing is to be done). */
export function scrubFields<T extends object>(
  fields: T,
  names: readonly string[],
  redactor: TextRedactor,
): T {
  const record = fields as Record<string, unknown>;
  if (!names.some((name) => record[name] !== undefined)) return fields;
  const out: Record<string, unknown> = { ...record };
  for (const name of names) {
    if (out[name] !== undefined) out[name] = scrubValue(out[name], name, redactor);
  }
  return out as T;
}

/** The event input with its free text redacted. */
export function scrubInput(input: EventInput, redactor: TextRedactor): EventInput {
  return scrubFields(input, FREE_TEXT[input.type] ?? [], redactor);
}

/** The free-text fields of an `incident.opened`: the declaration a start gathers. */
export const OPENED_TEXT = FREE_TEXT['incident.opened'] ?? [];
