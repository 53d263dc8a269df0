// Microsoft Teams through a Workflows webhook ("Send webhook alerts to a
// channel"): a message with one Adaptive Card. The card shows the headline,
// the ask, the impact and the status, one block per list, and a subtle context
// line with the event id (Teams has no idempotency key either).
// A TextBlock reads Markdown (links that hide their address, emphasis), and
// Adaptive Cards document no escape for it; a TextRun in a RichTextBlock is
// shown verbatim ("Markdown is not supported"). So every text here is a
// TextRun: what anyone typed shows exactly as typed, a link as its words and
// its address. The whole message is kept in bytes well under the 28 KB Teams
// takes (a Workflows 202 only says the flow accepted it: a card too large fails
// later, inside the flow, where no one sees it).
import { markdownText } from '../../text/markdown.js';
import { markdownToPlain } from '../../text/markup.js';
import type { Path } from '../fit.js';
import { contextLine, type Message } from '../message.js';

type Element = Record<string, unknown>;

/** A run of Markdown (the ask, a list): as plain words, a link as its words and its address. */
const run = (markdown: string, style: Element = {}): Element => ({
  type: 'TextRun',
  text: markdownToPlain(markdown),
  ...style,
});
/** A run of plain text (a label, the headline, the context line): as typed, a link in it shown as in `run`. */
const plain = (text: string, style: Element = {}): Element => run(markdownText(text), style);
const rich = (...inlines: Element[]): Element => ({ type: 'RichTextBlock', inlines });
const BOLD = { weight: 'Bolder' };

/** "Ask: …" on one line: the label bold, the words as they are. */
const fact = (label: string, value: string) => rich(plain(`${label}: `, BOLD), run(value));

function cardBody(message: Message): Element[] {
  const { incident } = message;
  const body: Element[] = [
    rich(plain(message.headline, { weight: 'Bolder', size: 'Medium' })),
    ...(message.ask ? [fact('Ask', message.ask)] : []),
    fact('Impact', message.impact),
    fact('Status', `${incident.severity} · ${incident.statusText}`),
  ];
  if (message.body) body.push(rich(run(message.body)));
  for (const s of message.sections) {
    body.push(rich(plain(s.title, BOLD)));
    body.push(rich(run(s.items.map((i) => `- ${i}`).join('\n'))));
  }
  body.push(rich(plain(contextLine(message), { isSubtle: true, size: 'Small' })));
  return body;
}

/** What may be cut to fit (request paths): the texts of the runs. */
export function teamsCuttable(path: Path): boolean {
  return path[0] === 'body' && path.at(-1) === 'text' && path.at(-3) === 'inlines';
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
