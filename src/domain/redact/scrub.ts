// Every text a person typed or a command printed is redacted where it is
// recorded, whichever command recorded it: a severity reason, a milestone
// summary, an escalation's ask and a handoff note are pasted into as often as
// a note is. Commands that redact with the full redactor (run, update, the
// walk's notes) still do; this is the floor under all of them, so a new event
// type or a new command cannot write a pasted secret to the log by forgetting.
// Only free-text fields are touched (the table beside the schema,
// incident/free-text.ts): ids, times, kinds and names stay exact.
import type { EventInput } from '../incident/events.js';
import { freeTextOf } from '../incident/free-text.js';
import { redactQuick } from './redact-quick.js';

/** What scrubbing needs of a redactor: the full one (redact.ts) fits. */
export interface TextRedactor {
  text(text: string): string;
  /** Arguments redacted in the context of each other; without it, argv is left as recorded. */
  argv?(argv: readonly string[]): string[];
}

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

/** The event input with its free text (incident/free-text.ts) redacted. */
export function scrubInput(input: EventInput, redactor: TextRedactor): EventInput {
  return scrubFields(input, freeTextOf(input.type), redactor);
}
