// Our Markdown as Slack mrkdwn and as plain text; which URLs may become links.
// Slack's escaping and control sequences: /work/notes/contracts.md B5 (Slack's
// "Escaping text": & < > as entities; `<!channel>`, `<@U…>`, `<!subteam^…>`,
// `<url|text>` are control sequences).
import { describe, expect, it } from 'vitest';
import {
  markdownToMrkdwn,
  markdownToPlain,
  plainHttpUrl,
  slackEscape,
} from '../../../../src/domain/text/markup.js';

/** Every `<…>` in mrkdwn: what Slack would act on. */
const controlSequences = (mrkdwn: string) => [...mrkdwn.matchAll(/<[^<>]*>/g)].map((m) => m[0]);

describe('markup', () => {
  it('Slack mrkdwn: bold, headings, bullets; & < > escaped; a link shows its own address', () => {
    expect(
      markdownToMrkdwn(
        '# Handoff\n**Now:** p99 < 2s & [dash](https://g.example.com/d?a=1&b=2)\n- one',
      ),
    ).toBe(
      '*Handoff*\n*Now:* p99 &lt; 2s &amp; dash (<https://g.example.com/d?a=1&amp;b=2>)\n• one',
    );
  });

  it('plain: no asterisks, hashes or italics; links keep their address; snake_case stays', () => {
    expect(
      markdownToPlain(
        '## Impact\n**EU** down, see [dash](https://g.example.com)\n_Reach Bob: page_ max_conn',
      ),
    ).toBe('Impact\nEU down, see dash (https://g.example.com)\nReach Bob: page max_conn');
  });

  it.each([
    ['a link target that closes the link and opens a mention', '[a](https://x><!channel>)'],
    ['a link target with a label of its own', '[a](https://x|click here)'],
    ['typed mentions', 'ping <!here> <!channel> <!everyone> <@U024BE7LH> <!subteam^S012345|sre>'],
    ['a typed Slack link', '<https://evil.example/login|your dashboard>'],
    ['a date command', '<!date^1392734382^{date}|Feb 18>'],
    ['a link to a script', '[ok](javascript:alert(1))'],
    ['stand-ins for links typed in the text', '\ue0000\ue001 [a](https://ok.example)'],
  ])('Slack: %s never becomes a mention or a hidden link', (_, text) => {
    const out = markdownToMrkdwn(text);
    for (const sequence of controlSequences(out)) {
      // The only sequences left are links made here: a plain address, no label.
      expect(sequence).toMatch(/^<https?:\/\/[^|<>\s]+>$/);
    }
    expect(out).not.toMatch(/<[!@#]/);
  });

  it('a Markdown link whose words hide the address shows the address', () => {
    expect(markdownToMrkdwn('[click here](https://evil.example/login)')).toBe(
      'click here (<https://evil.example/login>)',
    );
    expect(markdownToPlain('[click here](https://evil.example/login)')).toBe(
      'click here (https://evil.example/login)',
    );
    expect(markdownToMrkdwn('[a](https://x><!channel>)')).toBe('a (https://x&gt;&lt;!channel&gt;)');
  });

  it('only plain http(s) URLs to a host may become links', () => {
    expect(plainHttpUrl('https://grafana.example.com/d/x?a=1&b=2#p')).toBe(
      'https://grafana.example.com/d/x?a=1&b=2#p',
    );
    for (const url of [
      'javascript:alert(1)',
      'ftp://example.com/',
      'https://x><!channel>',
      'https://x|label',
      'https://exa mple.com',
      'https://ex\u202eample.com',
      'https://ex\u001bample.com',
      'https://user:pw@example.com/',
      'https://例え.jp/',
      'https://',
    ]) {
      expect(plainHttpUrl(url)).toBeUndefined();
    }
  });

  it('escapes & first, as Slack asks', () => {
    expect(slackEscape('&lt; <b> & >')).toBe('&amp;lt; &lt;b&gt; &amp; &gt;');
  });
});
