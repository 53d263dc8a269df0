// A local program as a channel (an SMS or mail script): the rendered text on
// its stdin, the facts in ONCALL_* environment variables, each one line and of
// a size any system takes. Run as an argument vector, never through a shell.
import { cutText } from '../bytes.js';
import type { Path } from '../fit.js';
import { LIMITS } from '../limits.js';
import type { Message } from '../message.js';

/** The variables that hold words (the rest are ids, kinds and names a script matches on). */
const WORDS = new Set([
  'ONCALL_TITLE',
  'ONCALL_COMMANDER',
  'ONCALL_SUMMARY',
  'ONCALL_TO_NAME',
  'ONCALL_ASK',
  'ONCALL_SERVICE',
]);

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
  for (const name of WORDS) {
    const value = env[name];
    if (value !== undefined) env[name] = cutText(value, LIMITS.commandVariable);
  }
  return { stdin: message.markdown, env };
}

/** What may be cut to fit (request paths): stdin and the variables that hold words. */
export function commandCuttable(path: Path): boolean {
  return path[0] === 'stdin' || (path[0] === 'env' && WORDS.has(String(path[1])));
}
