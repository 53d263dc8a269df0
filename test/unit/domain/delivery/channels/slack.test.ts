// Slack incoming-webhook bodies: `text` (mrkdwn, the notification fallback)
// and Block Kit `blocks` within Slack's documented limits: 50 blocks, a
// header's plain_text 150 characters, a section's text 3000.
import { describe, expect, it } from 'vitest';
import { slackBody } from '../../../../../src/domain/delivery/channels/slack.js';
import { EVENT_ID, escalationFixture } from '../../../../helpers/message.js';

type Block = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] };

describe('the Slack message', () => {
  it('is the text plus a header, the ask, the impact, one section per list and a context line', () => {
    const body = slackBody(escalationFixture()) as { text: string; blocks: Block[] };
    expect(body.text).toBe(
      '*Escalation to Bob Stone: Checkout returns 500*\n*The ask:* Is the primary healthy?\n• 02:12 rolled back &lt;4.2&gt; &amp; watched\n',
    );
    expect(body.blocks).toEqual([
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: 'Escalation to Bob Stone: Checkout returns 500',
          emoji: true,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*The ask:* Is the primary healthy?' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Impact:* EU checkout fails for 30% · trend: steady' },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*Tried*\n• 02:12 rolled back 4.2\n• 02:15 restarted the pool',
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*Ruled out*\n• 02:20 DNS' } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `2026-03-12-0210-checkout-returns-500 · SEV2 · Investigating · IC Alice Chen · event ${EVENT_ID}`,
          },
        ],
      },
    ]);
  });

  it('keeps every block within its limit, cut with a marker', () => {
    const long = escalationFixture({
      headline: 'H'.repeat(400),
      ask: 'a'.repeat(5000),
      sections: [
        { key: 'tried', title: 'Tried', items: Array(400).fill('did a thing for a while') },
      ],
    });
    const { blocks } = slackBody(long) as { blocks: Block[] };
    const header = blocks[0]?.text?.text ?? '';
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/^H+… \(cut: \d+ more characters\)$/);
    for (const b of blocks.filter((b) => b.type === 'section')) {
      expect(Buffer.byteLength(b.text?.text ?? '')).toBeLessThanOrEqual(3000);
    }
    // The oldest items went first: the newest is kept, and a line says how many were cut.
    const tried = blocks.find((b) => b.text?.text.startsWith('*Tried*'))?.text?.text ?? '';
    expect(tried).toMatch(/^\*Tried\*\n• \(cut: \d+ more earlier items\)\n/);
    expect(tried.endsWith('• did a thing for a while')).toBe(true);
  });

  it('never sends more than 50 blocks; the context line stays last', () => {
    const sections = Array.from({ length: 80 }, (_, i) => ({
      key: `s${i}`,
      title: `List ${i}`,
      items: ['one'],
    }));
    const { blocks } = slackBody(escalationFixture({ sections })) as { blocks: Block[] };
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)?.type).toBe('context');
    expect(blocks.at(-2)?.text?.text).toMatch(/^_\d+ more sections cut/);
  });
});

describe('the person the message is for', () => {
  const forDana = (slack?: string) =>
    escalationFixture({ to: { key: 'dana', name: 'Dana Okafor', ...(slack ? { slack } : {}) } });

  it('is mentioned by their member id, in the text and the first section: Slack notifies them', () => {
    const body = slackBody(forDana('U0123ABCD')) as { text: string; blocks: Block[] };
    expect(body.text.startsWith('<@U0123ABCD> *Escalation to Bob Stone')).toBe(true);
    expect(body.blocks[1]?.text?.text).toBe('<@U0123ABCD> *The ask:* Is the primary healthy?');
    expect(JSON.stringify(body).match(/<@U0123ABCD>/g)).toHaveLength(2);
  });

  it('without a member id (or with anything else in its place), nobody is mentioned', () => {
    for (const id of [undefined, '@dana', 'U01<!channel>', 'u0123abcd']) {
      const body = slackBody(forDana(id)) as { text: string; blocks: Block[] };
      expect(JSON.stringify(body)).not.toMatch(/<@|<!/);
    }
  });

  it('a mention typed into the ask stays text', () => {
    const body = slackBody(
      escalationFixture({
        ask: 'ping <@U999> and <!here>',
        to: { key: 'd', name: 'D', slack: 'W0ABC' },
      }),
    ) as { blocks: Block[] };
    expect(body.blocks[1]?.text?.text).toBe(
      '<@W0ABC> *The ask:* ping &lt;@U999&gt; and &lt;!here&gt;',
    );
  });
});
