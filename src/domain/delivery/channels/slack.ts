// Slack incoming webhook: the rendered text as `text` (what notifications and
// old clients show) plus a few Block Kit blocks laid out from the facts: a
// header, the ask, the impact, one section per list, and a context line with
// the incident and the event id. Slack has no idempotency key, so that id is
// how a rare duplicate shows itself. Every block is kept within Slack's limits.
import { markdownToMrkdwn, slackEscape } from '../../text/markup.js';
import { cut, LIMITS } from '../limits.js';
import { contextLine, type Message } from '../message.js';

type Block = Record<string, unknown>;

const section = (mrkdwn: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: cut(mrkdwn, LIMITS.slackSection) },
});

function factBlocks(message: Message): Block[] {
  const blocks: Block[] = [];
  if (message.ask) blocks.push(section(`*The ask:* ${slackEscape(message.ask)}`));
  if (message.body) blocks.push(section(slackEscape(message.body)));
  blocks.push(section(`*Impact:* ${slackEscape(message.impact)}`));
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

export function slackBody(message: Message): Record<string, unknown> {
  const header = {
    type: 'header',
    text: { type: 'plain_text', text: cut(message.headline, LIMITS.slackHeader), emoji: true },
  };
  const context = {
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: cut(slackEscape(contextLine(message)), LIMITS.slackContext) },
    ],
  };
  return {
    text: cut(markdownToMrkdwn(message.markdown), LIMITS.slackText),
    blocks: withinBlockLimit(header, factBlocks(message), context),
  };
}
