// Values a step's text calls examples: "for example `pvc-1234`", "(e.g.
// `web-1`)", "i.e. `orders`", "such as `eu-west-1`". A command that holds one
// as written was copied from the example: the value is asked for, the example
// offered as the default (placeholder kind `example`), never run as if real. A
// command whose placeholder names the same thing (`<node-name>` after "for
// example `node-3`") offers the example as that placeholder's default.
import type { CommandSpec } from './types.js';

const CUE = String.raw`(?:e\.\s?g\.?|eg\.|i\.\s?e\.?|for example|for instance|such as|in this example(?: we are using)?)`;
/** The cue, then the value: in backticks, or one bare word with a digit or a dash in it. */
const EXAMPLE = new RegExp(
  String.raw`\b${CUE}[,:]?\s+(?:\`([^\`\n]{1,80})\`|([\w.:/-]*[\d-][\w.:/-]*))`,
  'gi',
);

/** The example values in a step's text, in order, each once. */
export function examplesIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(EXAMPLE)) {
    const value = (m[1] ?? m[2] ?? '').trim().replace(/[.,;:)]+$/, '');
    // A whole command given as an example is not a value.
    if (value.length >= 2 && !/\s/.test(value) && !found.includes(value)) found.push(value);
  }
  return found;
}

/** The words a name is made of (`node-name` -> node, name), digits and one-letter words left out. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
}

/**
 * Gives a placeholder the example its lead-in names (it shares a word with the
 * placeholder's name: `node-3` for `<node-name>`), when it has none yet.
 */
export function offerExamples(spec: CommandSpec, examples: string[]): void {
  for (const p of spec.placeholders ?? []) {
    if (p.example !== undefined || p.kind === 'example') continue;
    const words = wordsOf(p.name);
    const match = examples.find((e) => wordsOf(e).some((w) => words.includes(w)));
    if (match) p.example = match;
  }
}
