// Which value to offer when a placeholder is asked the first time. The rule
// (README, "Runbooks"): the alert's labels (`--label k=v`, an alert's own
// labels) first, then the walk's earlier answers; a name that is the same
// (`<namespace>`, `$NAMESPACE`, `namespace=web`) wins, else a label or answer
// whose words the placeholder's words contain: `<my-namespace>` and
// `<namespace label from alert>` are offered `namespace=web`. Of several, the
// one with most words, then the one nearest the end (`<pod-namespace>` is a
// namespace: English puts the head noun last).
import { placeholderName } from '../runbook/placeholder-name.js';

const wordsOf = (name: string) => placeholderName(name).split('-').filter(Boolean);

/** Where `part` occurs in `whole` as a run of whole words, its last index; -1 when not. */
function endOf(whole: readonly string[], part: readonly string[]): number {
  if (!part.length) return -1;
  for (let end = whole.length - 1; end >= part.length - 1; end--) {
    if (part.every((word, i) => whole[end - part.length + 1 + i] === word)) return end;
  }
  return -1;
}

/** The value offered for `name` from `sources` (in order of preference), or undefined. */
export function suggestedValue(
  name: string,
  sources: readonly Readonly<Record<string, string>>[],
): string | undefined {
  const key = placeholderName(name);
  for (const source of sources) {
    for (const [other, value] of Object.entries(source)) {
      if (placeholderName(other) === key) return value;
    }
  }
  const words = wordsOf(name);
  for (const source of sources) {
    let best: { value: string; size: number; end: number } | undefined;
    for (const [other, value] of Object.entries(source)) {
      const part = wordsOf(other);
      const end = endOf(words, part);
      if (end < 0) continue;
      if (!best || part.length > best.size || (part.length === best.size && end > best.end)) {
        best = { value, size: part.length, end };
      }
    }
    if (best) return best.value;
  }
  return undefined;
}
