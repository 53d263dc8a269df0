// Slack incoming webhook: the rendered text as `text` (what notifications and
// old clients show) plus a few Block Kit blocks laid out from the facts: a
// header, the ask, the impact, one section per list, and a context line with
// the incident and the event id. Slack has no idempotency key, so that id is
// how a rare duplicate shows itself.
// Every text is escaped as Slack asks (`&`, `<`, `>`; in plain_text too: they
// are control characters "in text objects"), so no `<!channel>`, `<@U…>` or
// `<!subteam^…>` typed by anyone becomes a mention; the only `<…>` sent are the
// links made here, each showing its own plain http(s) address, and the mention
// of the person the message is for when config names their member id
// (`slack: U0123ABCD`), so Slack notifies them. Every block is
// kept within Slack's limits, and all of them within what Slack takes together.
import { markdownToMrkdwn, slackEscape } from '../../text/markup.js';
import { cutText } from '../bytes.js';
import { fitJson, fitText, type Path } from '../fit.js';
import { LIMITS } from '../limits.js';
import { contextLine, type Message } from '../message.js';

type Block = Record<string, unknown>;

const section = (mrkdwn: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: fitText(mrkdwn, LIMITS.slackSection) },
});

/** A Slack member id, as config validates it: the only mention a message ever makes. */
const MEMBER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** `<@U0123ABCD> ` for the person the message is for, when config has their member id: Slack notifies them. */
function mentionOf(message: Message): string {
  const id = message.to?.slack;
  return id && MEMBER_ID.test(id) ? `<@${id}> ` : '';
}

function factBlocks(message: Message): Block[] {
  const blocks: Block[] = [];
  const mention = mentionOf(message);
  const first = (mrkdwn: string) => (blocks.length ? mrkdwn : `${mention}${mrkdwn}`);
  if (message.ask) blocks.push(section(first(`*The ask:* ${markdownToMrkdwn(message.ask)}`)));
  if (message.body) blocks.push(section(first(markdownToMrkdwn(message.body))));
  blocks.push(section(first(`*Impact:* ${markdownToMrkdwn(message.impact)}`)));
  for (const s of message.sections) {
    const items = s.items.map((item) => `• ${markdownToMrkdwn(item)}`).join('\n');
    blocks.push(section(`*${slackEscape(s.title)}*\n${items}`));
  }
  return blocks;
}

/** At most 50 blocks: the header and the context line always stay; a note says what was cut. */
function withinBlockLimit(header: Block, facts: Block[], context: Block): Block[] {
  const room = LIMITS.slackBlocks - 2;
  if (facts.length <= room) return [header, ...facts, context];
  const kept = facts.slice(0, room - 1);
  const note = section(
    `_${facts.length - kept.length} more sections cut; the full text is above._`,
  );
  return [header, ...kept, note, context];
}

/** What may be cut to fit (request paths): `text` and the blocks' texts. */
export function slackCuttable(path: Path): boolean {
  if (path[0] !== 'body') return false;
  if (path[1] === 'text') return true;
  return path[1] === 'blocks' && path.at(-1) === 'text' && path.at(-3) !== 'elements';
}

export function slackBody(message: Message): Record<string, unknown> {
  const header = {
    type: 'header',
    text: {
      type: 'plain_text',
      text: cutText(slackEscape(message.headline), LIMITS.slackHeader),
      emoji: true,
    },
  };
  const context = {
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: cutText(slackEscape(contextLine(message)), LIMITS.slackContext) },
    ],
  };
  const blocks = withinBlockLimit(header, factBlocks(message), context);
  return {
    text: fitText(`${mentionOf(message)}${markdownToMrkdwn(message.markdown)}`, LIMITS.slackText),
    blocks: fitJson(blocks, LIMITS.slackAllBlocks, (path) =>
      slackCuttable(['body', 'blocks', ...path]),
    ),
  };
}
