// Microsoft Teams through a Workflows webhook ("Send webhook alerts to a
// channel"): a message with one Adaptive Card. The card shows the headline,
// the ask and the impact as facts, one block per list, and a subtle context
// line with the event id (Teams has no idempotency key either).
import { cut, LIMITS } from '../limits.js';
import { contextLine, type Message } from '../message.js';

type Element = Record<string, unknown>;

const textBlock = (text: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text: cut(text, LIMITS.teamsBlock),
  wrap: true,
  ...extra,
});

function cardBody(message: Message): Element[] {
  const facts = [
    ...(message.ask ? [{ title: 'Ask', value: cut(message.ask, LIMITS.teamsBlock) }] : []),
    { title: 'Impact', value: cut(message.impact, LIMITS.teamsBlock) },
    { title: 'Status', value: `${message.incident.severity} · ${message.incident.statusText}` },
  ];
  const body: Element[] = [
    textBlock(message.headline, { weight: 'Bolder', size: 'Medium' }),
    { type: 'FactSet', facts },
  ];
  if (message.body) body.push(textBlock(message.body));
  let room: number = LIMITS.teamsTotal;
  for (const s of message.sections) {
    const text = cut(`**${s.title}**\n\n${s.items.map((i) => `- ${i}`).join('\n')}`, room);
    room -= text.length;
    body.push(textBlock(text));
    if (room <= 0) break;
  }
  body.push(textBlock(contextLine(message), { isSubtle: true, size: 'Small' }));
  return body;
}

export function teamsBody(message: Message): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: cardBody(message),
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}
