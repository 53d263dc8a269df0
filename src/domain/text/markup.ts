// Our texts are Markdown (templates/*.md.hbs). Chat tools each read their own
// dialect: Slack's mrkdwn (`*bold*`, `<url>`, &amp;-escaped), and a webhook, a
// script, PagerDuty or a Teams TextRun want plain words. One converter each,
// for the few constructs our templates use: bold, headings, links, bullets,
// italics.
//
// A Markdown link in a note (`[click here](https://evil.example/login)`) can
// hide where it goes: wherever we convert one, its target is shown as it is,
// after its words, and only a plain http(s) URL (plainHttpUrl) is ever made a
// link again. Anything else stays text, escaped for where it lands.

import { markdownUnescaped } from './markdown.js';

/**
 * A Markdown link `[words](target)`: any target up to the closing parenthesis;
 * escaped too (`\[words](target)`, as markdownText writes one typed in a field):
 * where it is converted, it shows its address either way.
 */
const LINK = /\\?\[([^\]\n]+)\]\(([^\s)]+)\)/g;
const BOLD = /\*\*([^*\n]+)\*\*/g;
const HEADING = /^#{1,6}\s+(.+)$/gm;
/** `_words_` as our templates write italics: at a word boundary, not inside snake_case. */
const ITALIC = /(^|[\s(])_([^_\n]+)_(?=$|[\s.,;:)!?])/gm;

/**
 * The characters a URL is written with (RFC 3986: unreserved, reserved and
 * `%`), ASCII only: no space, quote, `<`, `>`, `|`, backslash or control
 * character, and no look-alike letters from other scripts.
 */
const URL_CHARACTERS = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/i;

/**
 * `url` when it is a plain http(s) URL to a host (no credentials, nothing a
 * chat tool could read as markup); undefined otherwise, and it is then shown
 * as text, never made a link.
 */
export function plainHttpUrl(url: string): string | undefined {
  if (!URL_CHARACTERS.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    if (!web || !parsed.hostname || parsed.username || parsed.password) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/** `words (target)`, or the target alone when the words are the target. */
function visibleLink(words: string, target: string): string {
  return words.trim() === target ? target : `${words} (${target})`;
}

/**
 * Markdown as plain text: no asterisks or hashes; a link's words followed by
 * its target; what was escaped (`\\<`, `\\#`) as it was typed.
 */
export function markdownToPlain(markdown: string): string {
  return markdownUnescaped(
    markdown
      .replace(LINK, (_, words: string, target: string) => visibleLink(words, target))
      .replace(BOLD, '$1')
      .replace(HEADING, '$1')
      .replace(ITALIC, '$1$2'),
  );
}

/**
 * Slack's three control characters, escaped as Slack asks ("Escaping text":
 * `&` first). What remains cannot open a link, a mention (`<!channel>`,
 * `<@U…>`, `<!subteam^…>`) or any other `<…>` control sequence.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn showing its own address (`<url>`), when plain; else the target as text. */
function slackLink(target: string): string {
  const url = plainHttpUrl(target);
  return url ? `<${slackEscape(url)}>` : slackEscape(target);
}

/** Stand-ins for the links while the rest is escaped: private-use characters, removed from the text first. */
const HELD = /[\ue000\ue001]/g;

/**
 * Markdown as Slack mrkdwn: `**b**` -> `*b*`, headings bold, bullets, every
 * character escaped, and a link as its words then its address (`words
 * (<https://…>)`): the only `<…>` in the result are the links made here.
 */
export function markdownToMrkdwn(markdown: string): string {
  const links: string[] = [];
  const held = markdown.replace(HELD, '').replace(LINK, (_, words: string, target: string) => {
    const shown =
      words.trim() === target ? slackLink(target) : `${slackEscape(words)} (${slackLink(target)})`;
    links.push(shown);
    return `\ue000${links.length - 1}\ue001`;
  });
  // Markdown's escapes (`\\#`, `\\<`, now `\\&lt;`) come out once its marks were read: the text as typed.
  return markdownUnescaped(
    slackEscape(held)
      .replace(BOLD, '*$1*')
      .replace(HEADING, '*$1*')
      .replace(/^(\s*)- /gm, '$1• ')
      .replace(/\ue000(\d+)\ue001/g, (_, i: string) => links[Number(i)] ?? ''),
  );
}
