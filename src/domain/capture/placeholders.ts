// A command typed during an incident holds that incident's values (`-n web`,
// the URL answered earlier); as a runbook step it should hold the
// placeholders they came from (`-n <namespace>`), so the next incident fills
// in its own. The values are the alert's labels and the walk's answers.
//
// Only where a value is clearly the value: a whole word, a flag's `=value`,
// or (a value long enough to be specific: a URL, a host) part of a word
// between separators. `web` in `deployment/web` stays: the namespace and the
// deployment may only share a name.

export interface KnownValue {
  /** The placeholder's name (`namespace`). */
  name: string;
  value: string;
}

/** How the runbook writes a placeholder: `<namespace>` (plain Markdown) or `{{namespace}}` (annotated). */
export type PlaceholderSyntax = 'angle' | 'braces';

/** Shorter values are too likely to be something else; long ones are specific enough inside a word. */
const SHORTEST = 3;
const SPECIFIC = 8;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Values worth putting back, longest first (a URL before the host inside it). */
function usable(values: readonly KnownValue[]): KnownValue[] {
  const seen = new Set<string>();
  return values
    .filter((v) => v.value.length >= SHORTEST && !(/^\d+$/.test(v.value) && v.value.length < 4))
    .filter((v) => !/[\r\n]/.test(v.value))
    .sort((a, b) => b.value.length - a.value.length)
    .filter((v) => !seen.has(v.value) && seen.add(v.value));
}

function patternFor(value: string, syntax: PlaceholderSyntax): RegExp {
  const v = escaped(value);
  const quoted = syntax === 'braces' ? `(["'])${v}\\1(?=$|\\s)|` : '';
  if (value.length >= SPECIFIC) {
    return new RegExp(`(?<=^|[\\s='"@/:])(?:${quoted}${v}(?=$|[^A-Za-z0-9_]))`, 'g');
  }
  return new RegExp(`(?<=^|[\\s='"])(?:${quoted}${v}(?=$|[\\s'"]))`, 'g');
}

/**
 * Puts placeholders back into lines: each known value replaced by its
 * placeholder. For an annotated runbook a value that is a whole quoted word
 * loses its quotes (`"{{name}}"` would be quoted twice). The patterns are made
 * once, for every line of a night.
 */
export function placeholdersFor(
  values: readonly KnownValue[],
  syntax: PlaceholderSyntax,
): (line: string) => string {
  const patterns = usable(values).map(({ name, value }) => ({
    name,
    pattern: patternFor(value, syntax),
  }));
  return (line) => {
    // Each replacement becomes a private character first, so a later value
    // never matches inside a placeholder already put back.
    const names: string[] = [];
    let out = line;
    for (const { name, pattern } of patterns) {
      out = out.replace(pattern, () => {
        names.push(name);
        return String.fromCharCode(0xe000 + names.length - 1);
      });
    }
    return out.replace(/[\ue000-\uefff]/g, (c) => {
      const found = names[c.charCodeAt(0) - 0xe000] ?? '';
      return syntax === 'braces' ? `{{${found}}}` : `<${found}>`;
    });
  };
}

/** One line with the known values put back as placeholders. */
export function withPlaceholders(
  line: string,
  values: readonly KnownValue[],
  syntax: PlaceholderSyntax,
): string {
  return placeholdersFor(values, syntax)(line);
}
