// A local program as a channel (an SMS or mail script): the rendered text on
// its stdin, the facts in ONCALL_* environment variables. Run as an argument
// vector, never through a shell.
import type { Message } from '../message.js';

export function commandRequest(message: Message, delivery: string): Record<string, unknown> {
  const { incident } = message;
  const env: Record<string, string> = {
    ONCALL_KIND: message.kind,
    ONCALL_INCIDENT: incident.id,
    ONCALL_TITLE: incident.title,
    ONCALL_SEVERITY: incident.severity,
    ONCALL_STATUS: incident.status,
    ONCALL_COMMANDER: incident.commander,
    ONCALL_SUMMARY: message.headline,
    ONCALL_EVENT_ID: message.event.id,
    ONCALL_DELIVERY: delivery,
    ...(message.to ? { ONCALL_TO: message.to.key, ONCALL_TO_NAME: message.to.name } : {}),
    ...(message.ask ? { ONCALL_ASK: message.ask } : {}),
    ...(incident.service ? { ONCALL_SERVICE: incident.service } : {}),
  };
  return { stdin: message.markdown, env };
}
