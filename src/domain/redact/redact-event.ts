// Nothing leaves the laptop unredacted. Events were redacted when recorded,
// but `oncall note` uses only the quick forms (the gitleaks rules and the
// team's config patterns cost more than a note may): before an event is
// shared, every free text in it goes through the full redactor, the same way
// and by the same table (incident/free-text.ts) as where it was stamped; the
// rest (ids, times, kinds, who) are left as they are: changing one would
// break the event.
import { type OncallEvent, validateEvent } from '../incident/events.js';
import { freeTextOf } from '../incident/free-text.js';
import type { Redactor } from './redact.js';
import { scrubFields } from './scrub.js';

/** The event as it may be shared: every free text redacted; still a valid event. */
export function redactForSharing(event: OncallEvent, redactor: Redactor): OncallEvent {
  const checked = validateEvent(scrubFields(event, freeTextOf(event.type), redactor));
  // Redaction only replaces text with text: an invalid result would be a bug, and is not shared.
  if (!checked.success) throw new Error(`redacting event ${event.id} broke it`);
  return checked.data;
}
