// Severity (how bad): the four levels, and the one place a level typed by a
// person is read. Zod-free on purpose: the command definitions that `oncall
// --help` loads name these levels, and must not pull in the event schema.
import { UsageError } from '../../errors.js';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/**
 * A level as a tired responder types it: `SEV2`, `sev2` or plain `2`.
 * `label` names where it came from (`--sev`, `<level>`), for the one error message.
 */
export function parseSeverity(text: string, label: string): Severity {
  const upper = text.trim().toUpperCase();
  const level = /^\d$/.test(upper) ? `SEV${upper}` : upper;
  if (isSeverity(level)) return level;
  throw new UsageError(`${label} ${text}: not a severity; use one of ${SEVERITIES.join(', ')}`);
}
