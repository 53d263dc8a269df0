// Our Markdown as Slack mrkdwn and as plain text.
import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, markdownToPlain } from '../../../../src/domain/text/markup.js';

describe('markup', () => {
  it('Slack mrkdwn: bold, headings, links, bullets; & < > escaped outside links', () => {
    expect(
      markdownToMrkdwn(
        '# Handoff\n**Now:** p99 < 2s & [dash](https://g.example.com/d?a=1&b=2)\n- one',
      ),
    ).toBe('*Handoff*\n*Now:* p99 &lt; 2s &amp; <https://g.example.com/d?a=1&b=2|dash>\n• one');
  });

  it('plain: no asterisks, hashes or italics; links keep their address; snake_case stays', () => {
    expect(
      markdownToPlain(
        '## Impact\n**EU** down, see [dash](https://g.example.com)\n_Reach Bob: page_ max_conn',
      ),
    ).toBe('Impact\nEU down, see dash (https://g.example.com)\nReach Bob: page max_conn');
  });
});
