// Redaction works on spans (start, end) of the original text: every finder
// reports where a secret sits, the spans are merged, and the text is rebuilt
// once. Replacing in passes instead lets one pattern match another's
// [REDACTED], or swallow the quote or `;` that the previous pass left.
export const REDACTED = '[REDACTED]';

/** [start, end): a secret's characters in the text. */
export type Span = [number, number];

/**
 * Adds `more` to `spans` one at a time: a long text's finds can outnumber the
 * arguments a call takes (about 125,000), so they are never spread into push.
 */
export function addSpans(spans: Span[], more: readonly Span[]): void {
  for (const span of more) spans.push(span);
}

/** Sorted, with overlapping and touching spans joined into one. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Span[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The text with every span replaced by REDACTED. */
export function applySpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of mergeSpans(spans)) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** Every occurrence of each literal value, as spans. */
export function literalSpans(text: string, values: Iterable<string>): Span[] {
  const spans: Span[] = [];
  for (const value of values) {
    if (!value) continue;
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      spans.push([at, at + value.length]);
    }
  }
  return spans;
}
