// Sizes are in bytes: what a service counts is what goes over the wire, and a
// Japanese character is three bytes of UTF-8, an emoji four. Every size here is
// the text as JSON.stringify writes it (UTF-8, with `"`, `\` and line breaks
// escaped), which is what a request body holds; it is never less than the
// UTF-8 bytes, nor than the characters, so a limit met here is met however the
// service counts.

import { graphemeStart } from '../text/graphemes.js';

/** Bytes one UTF-16 code unit costs in JSON (a surrogate pair: 2 + 2). */
function unitCost(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2; // \" \\
  if (code < 0x20) return code === 0x0a || code === 0x09 || code === 0x0d ? 2 : 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 2; // half of a 4-byte character (or \udxxx, 6: rare)
  return 3;
}

/** Bytes of `text` inside a JSON string (without its quotes). */
export function jsonBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += unitCost(text.charCodeAt(i));
  return bytes;
}

/** UTF-8 bytes of `text`. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Bytes of a value as JSON.stringify writes it: what a request body weighs. */
export const jsonSize = (value: unknown): number => utf8Bytes(JSON.stringify(value) ?? '');

/** How many characters of `text` fit in `maxBytes` (JSON bytes), at a grapheme boundary. */
function prefixFitting(text: string, maxBytes: number): number {
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const cost = unitCost(text.charCodeAt(end));
    if (bytes + cost > maxBytes) break;
    bytes += cost;
    end++;
  }
  return graphemeStart(text, end);
}

/** Characters as a person counts them (code points, an emoji one). */
const characters = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/** What stands where text was cut: it says how much is missing. */
const cutMarker = (chars: number) => `… (cut: ${chars} more characters)`;

/**
 * The kept part must not end inside something the destination reads as one
 * piece: a Slack `<…>` link or `&amp;` entity half cut would show as noise.
 */
function cleanEnd(kept: string): string {
  let out = kept;
  const open = out.lastIndexOf('<');
  if (open >= 0 && out.indexOf('>', open) < 0) out = out.slice(0, open);
  return out.replace(/&[a-z]{0,4}$/, '').trimEnd();
}

/**
 * `text` within `maxBytes` (JSON bytes): as it is when it fits, else its
 * beginning and a marker saying how many characters were cut.
 */
export function cutText(text: string, maxBytes: number): string {
  if (jsonBytes(text) <= maxBytes) return text;
  const reserve = jsonBytes(cutMarker(text.length));
  // Too little room to say how much: the beginning and an ellipsis.
  if (maxBytes <= reserve) {
    return maxBytes < 3 ? '' : `${text.slice(0, prefixFitting(text, maxBytes - 3))}…`;
  }
  const kept = cleanEnd(text.slice(0, prefixFitting(text, maxBytes - reserve)));
  return `${kept}${cutMarker(characters(text) - characters(kept))}`;
}
