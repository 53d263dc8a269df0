// A generic webhook: one documented JSON body, so a team's own receiver (an
// SMS gateway, a ticket system, a status page) needs to know nothing else.
//   { kind, incident, event, text, markdown, delivery }
// kind: escalation | handoff | update; incident: id, title, severity, status,
// service, commander; event: the recorded event, as in the log; text: plain;
// markdown: as printed; delivery: this delivery's id (the same on a retry, so
// a receiver can drop a duplicate).
import { markdownToPlain } from '../../text/markup.js';
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
