// What the services accept, in characters, from their own documentation. Too
// long is cut with a visible marker, never refused: at 2am a page that goes
// out a little shorter beats one that bounces with 400 invalid_blocks.

export const LIMITS = {
  /** PagerDuty Events API v2: payload.summary. */
  pagerdutySummary: 1024,
  /** PagerDuty Events API v2: dedup_key. */
  pagerdutyDedupKey: 255,
  /** Slack Block Kit: blocks in one message. */
  slackBlocks: 50,
  /** Slack Block Kit: a header block's plain_text. */
  slackHeader: 150,
  /** Slack Block Kit: a section block's text. */
  slackSection: 3000,
  /** Slack Block Kit: a context block's text element. */
  slackContext: 2000,
  /** Slack: `text` beyond this is advised against (the hard limit is 40,000). */
  slackText: 4000,
  /** Teams: one Adaptive Card text block we send (the whole message must stay under ~28 KB). */
  teamsBlock: 3000,
  /** Teams: the card's text blocks together. */
  teamsTotal: 20_000,
} as const;

export const CUT_MARKER = '… [cut]';

/** `text` at most `max` characters, ending with the marker when it had to be cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - CUT_MARKER.length);
  // Never split a surrogate pair: the service would see half a character.
  let end = room;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${CUT_MARKER}`.slice(0, max);
}
