// Our texts are Markdown (templates/*.md.hbs). Chat tools each read their own
// dialect: Slack's mrkdwn (`*bold*`, `<url|text>`, &amp;-escaped), and a
// webhook or a script may want plain words. One converter each, for the few
// constructs our templates use: bold, headings, links, bullets, italics.

const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;
const BOLD = /\*\*([^*\n]+)\*\*/g;
const HEADING = /^#{1,6}\s+(.+)$/gm;
/** `_words_` as our templates write italics: at a word boundary, not inside snake_case. */
const ITALIC = /(^|[\s(])_([^_\n]+)_(?=$|[\s.,;:)!?])/gm;

/** Markdown as plain text: no asterisks or hashes; a link keeps its address. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(LINK, '$1 ($2)')
    .replace(BOLD, '$1')
    .replace(HEADING, '$1')
    .replace(ITALIC, '$1$2');
}

/** Slack's three control characters, escaped as Slack asks. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown as Slack mrkdwn: `**b**` -> `*b*`, headings bold, links `<url|text>`, bullets. */
export function markdownToMrkdwn(markdown: string): string {
  const links: string[] = [];
  // Links first, out of the way of escaping (their < > are Slack's syntax, not
  // text): held as private-use characters, which no text of ours contains.
  const held = markdown.replace(LINK, (_, text: string, url: string) => {
    links.push(`<${url}|${slackEscape(text)}>`);
    return `\ue000${links.length - 1}\ue001`;
  });
  return slackEscape(held)
    .replace(BOLD, '*$1*')
    .replace(HEADING, '*$1*')
    .replace(/^(\s*)- /gm, '$1• ')
    .replace(/\ue000(\d+)\ue001/g, (_, i: string) => links[Number(i)] ?? '');
}
