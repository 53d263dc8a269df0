// What leaves the machine is built from texts already made safe to leave:
// every text of a message redacted (the command's full redactor: gitleaks and
// the team's patterns too, not only the quick forms the log was written with),
// and neutralised as for the terminal (terminal-safe.ts: control characters,
// bidi overrides and line separators shown as their codes), before any channel
// lays it out. A channel then escapes it for its own markup and cuts it to its
// size; no field of any request is made from the raw text.
import { safeBlock, safeLine } from '../text/terminal-safe.js';
import type { Message, MessageSection } from './message.js';

/** Redacts one text (the command's redactor). */
export type Redact = (text: string) => string;

/** The message with every text redacted and neutralised; ids, kinds and times as they are. */
export function outgoingMessage(message: Message, redact: Redact): Message {
  const line = (text: string) => safeLine(redact(text));
  const block = (text: string) => safeBlock(redact(text));
  const { incident } = message;
  const sections: MessageSection[] = message.sections.map((s) => ({
    key: s.key,
    title: line(s.title),
    items: s.items.map(line),
  }));
  return {
    ...message,
    incident: {
      ...incident,
      title: line(incident.title),
      statusText: line(incident.statusText),
      commander: line(incident.commander),
      ...(incident.service ? { service: line(incident.service) } : {}),
    },
    headline: line(message.headline),
    markdown: block(message.markdown),
    ...(message.ask !== undefined ? { ask: line(message.ask) } : {}),
    impact: line(message.impact),
    ...(message.body !== undefined ? { body: block(message.body) } : {}),
    sections,
    // The member id is exact (config checks its form): the Slack builder checks it again.
    ...(message.to
      ? {
          to: {
            key: message.to.key,
            name: line(message.to.name),
            ...(message.to.slack ? { slack: message.to.slack } : {}),
          },
        }
      : {}),
    links: message.links.map((l) => ({ name: line(l.name), url: line(l.url) })),
  };
}
