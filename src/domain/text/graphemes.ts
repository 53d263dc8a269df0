// Text cut to a length must not be cut inside a character as people see it:
// half of an emoji's surrogate pair is a lone surrogate (written as U+FFFD, or
// refused by a service), and a letter cut from its accent, a flag from its
// second half or a family from its joiners shows a different character.

let segmenter: Intl.Segmenter | undefined;

/** Plain ASCII on both sides of `end`: no pair, mark or joiner can be cut there. */
const ASCII = /^[\x20-\x7e]*$/;

/** The last grapheme boundary at or before `end`: an emoji with its joiners, a letter with its accents, stay whole. */
export function graphemeStart(text: string, end: number): number {
  if (end <= 0 || end >= text.length) return Math.max(0, end);
  // Most text is ASCII where it is cut: no Intl.Segmenter to start (~10 ms).
  if (ASCII.test(text.slice(end - 1, end + 1))) return end;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const from = Math.max(0, end - 64);
  let boundary = from;
  for (const { index } of segmenter.segment(text.slice(from, end + 64))) {
    if (from + index > end) break;
    boundary = from + index;
  }
  return boundary;
}

/** At most `max` UTF-16 units of `text`, cut at a grapheme boundary. */
export function graphemeHead(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, graphemeStart(text, max));
}

/** `text` in at most `max` UTF-16 units: when longer, cut at a grapheme boundary and ended with `…`. */
export function ellipsized(text: string, max: number): string {
  return text.length <= max ? text : `${graphemeHead(text, max - 1)}…`;
}
