// A generic webhook: one documented JSON body, so a team's own receiver (an
// SMS gateway, a ticket system, a status page) needs to know nothing else.
//   { kind, incident, event, text, markdown, delivery }
// kind: escalation | handoff | update; incident: id, title, severity, status,
// service, commander; event: the recorded event, as in the log; text: plain;
// markdown: as printed; delivery: this delivery's id (the same on a retry, so
// a receiver can drop a duplicate). Raw text (the receiver escapes it for
// wherever it shows it), redacted and neutralised like every channel's.
import { markdownToPlain } from '../../text/markup.js';
import type { Path } from '../fit.js';
import type { Message } from '../message.js';

export function webhookBody(message: Message, delivery: string): Record<string, unknown> {
  return {
    kind: message.kind,
    incident: message.incident,
    event: message.event,
    ...(message.to ? { to: message.to } : {}),
    text: markdownToPlain(message.markdown),
    markdown: message.markdown,
    delivery,
  };
}

/** The event's texts a receiver reads, not matches on. */
const EVENT_TEXTS = new Set(['ask', 'text', 'message', 'note', 'summary', 'reason']);

/** What may be cut to fit (request paths): the texts, and the event's words. */
export function webhookCuttable(path: Path): boolean {
  if (path[0] !== 'body') return false;
  if (path.length === 2) return path[1] === 'text' || path[1] === 'markdown';
  return path[1] === 'event' && path.length === 3 && EVENT_TEXTS.has(String(path[2]));
}
