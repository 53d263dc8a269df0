// Untrusted text must not act on the people who read it. Hostile text is
// typed in every source (title, notes, the ask, an update, a handoff note):
// Slack control sequences (contracts.md B5: `<!channel>`, `<!here>`,
// `<@U…>`, `<!subteam^…>`, `<url|label>`) and a link target that closes the
// link early; Markdown links whose words hide where they go; ESC, BEL and the
// bidi override U+202E. Through every channel kind, every field is read: no
// mention or hidden link survives, a link shows its own address, and no
// control or bidi character leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AllChannels, allChannels, CHANNELS } from '../../../helpers/channels.js';
import { stringLeaves } from '../../../helpers/documented.js';
import { oncall, startWords } from '../../../helpers/in-process.js';

const HOSTILE = [
  '[a](https://x><!channel>)',
  '<!here> <!everyone> <@U024BE7LH> <#C024BE7LR> <!subteam^S012345|sre>',
  '<https://evil.example/phish|your dashboard>',
  '[click here](https://evil.example/login)',
  '[ok](javascript:alert(1))',
  'red \u001b[31mALERT\u001b[0m bell \u0007 then \u202etxt.exe',
].join(' ');

/** Control characters (line breaks and tabs aside) and bidi controls: none may leave. */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let all: AllChannels;
beforeAll(async () => {
  all = await allChannels();
  const steps = [
    startWords(`Checkout ${HOSTILE}`),
    ['note', '--action', `restarted ${HOSTILE}`],
    ['note', '--hypothesis', `maybe ${HOSTILE}`],
    ['escalate', '--to', 'bob', '--ask', `please ${HOSTILE}`],
    ['update', `update ${HOSTILE}`],
    ['handoff', '--to', 'carol', '--note', `handing ${HOSTILE}`],
  ];
  for (const args of steps) {
    const r = await oncall(all.box, args);
    expect(r.code, r.stderr).toBe(0);
  }
});
afterAll(async () => {
  await all.close();
});

const fieldsOf = (channel: string) =>
  all
    .sent()
    .filter((s) => s.channel === channel)
    .flatMap((s) => stringLeaves(s.body));

describe('hostile text through every channel', () => {
  it.each(CHANNELS)('%s: no control or bidi character in any field', (channel) => {
    const fields = fieldsOf(channel);
    expect(fields.some(([, v]) => v.includes('\\x1b[31mALERT'))).toBe(true);
    for (const [path, value] of fields) expect(value, `${channel} ${path}`).not.toMatch(UNSAFE);
  });

  it('Slack: no typed mention, channel link or labelled link in any field; links show their address', () => {
    const fields = fieldsOf('chat');
    expect(fields.length).toBeGreaterThan(10);
    for (const [path, value] of fields) {
      for (const sequence of value.match(/<[^<>]*>/g) ?? []) {
        // The only sequences are links oncall made: a plain address, no label.
        expect(sequence, `chat ${path}`).toMatch(
          /^<https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+>$/,
        );
      }
      expect(value, `chat ${path}`).not.toMatch(/<[!@#]/);
    }
    expect(fields.some(([, v]) => v.includes('click here (<https://evil.example/login>)'))).toBe(
      true,
    );
    expect(fields.some(([, v]) => v.includes('&lt;!channel&gt;'))).toBe(true);
  });

  it('Teams: every text a TextRun (no Markdown read), each link with its address', () => {
    for (const post of all.services.teams.received) {
      const raw = post.raw;
      expect(raw).not.toContain('"TextBlock"');
      expect(raw).not.toContain('"FactSet"');
    }
    const fields = fieldsOf('teams');
    expect(fields.some(([, v]) => v.includes('click here (https://evil.example/login)'))).toBe(
      true,
    );
    expect(fields.some(([, v]) => /\[click here\]\(/.test(v))).toBe(false);
  });

  it('PagerDuty: plain texts with link addresses shown; links[].href only plain http(s) URLs', () => {
    for (const page of all.services.pager.received) {
      const links = ((page.body as { links?: { href: string }[] }).links ?? []).map((l) => l.href);
      for (const href of links)
        expect(href).toMatch(/^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/);
    }
    const fields = fieldsOf('pager');
    expect(fields.some(([, v]) => v.includes('click here (https://evil.example/login)'))).toBe(
      true,
    );
  });
});
