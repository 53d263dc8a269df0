// How plain team Markdown (no step annotations) is cut into steps, so that
// nothing the author wrote is left out of the walk. The rule (documented in
// examples/runbooks/README.md):
// - a leading `#` heading is the title; the step level is the deepest heading
//   level below it that has two headings or more (each `###` of a file of `###`
//   sections is a step; so is each `#####` of a catalogue with one per alert);
//   with no such level, the deepest level that has a heading;
// - every heading at the step level or above it starts a step, a later `#`
//   included; deeper headings stay in their step's text;
// - the text before the first of those headings (under the title) is the step
//   `intro`; a heading with nothing under it but deeper headings is no step of
//   its own: its title leads the titles of the steps under it;
// - a file without headings below the title is one step.
import type { Section, Token } from './sections.js';
import { cleanInline } from './sections.js';

interface Heading {
  depth: number;
  /** 0-based line of the heading. */
  start: number;
  title: string;
  /** Index of its heading_open token. */
  token: number;
}

export interface PlainSplit {
  sections: Section[];
  /** The depth of the headings that start steps (0: none, the file is one step). */
  level: number;
  /** The title heading (a leading `#`), whose line is not part of any step's text. */
  titleLine?: number;
  title?: string;
  /** Headings above the step level start steps too (a `##` among `###` steps). */
  mixed: boolean;
}

function headingsOf(tokens: Token[]): Heading[] {
  const headings: Heading[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open' || t.level !== 0) return;
    headings.push({
      depth: Number(t.tag.slice(1)),
      start: t.map?.[0] ?? 0,
      title: cleanInline(tokens[i + 1]?.content ?? ''),
      token: i,
    });
  });
  return headings;
}

/**
 * The deepest level with two headings or more (a lone deeper heading stays in
 * its step's text); when every level has one at most, the deepest; 0 when none.
 */
export function stepLevel(depths: number[]): number {
  const count = (d: number) => depths.filter((x) => x === d).length;
  const levels = [6, 5, 4, 3, 2, 1];
  return levels.find((d) => count(d) >= 2) ?? levels.find((d) => count(d) === 1) ?? 0;
}

/** True when tokens hold something a step would show: anything but an HTML comment. */
function hasContent(tokens: Token[]): boolean {
  return tokens.some((t) => t.type !== 'html_block' || !/^\s*<!--[\s\S]*-->\s*$/.test(t.content));
}

/**
 * Plain Markdown's sections. `bodyStart` is the 0-based line after the
 * frontmatter; the first section may be the headless `intro`.
 */
export function splitPlain(tokens: Token[], lineCount: number, bodyStart: number): PlainSplit {
  const headings = headingsOf(tokens);
  const title = headings[0]?.depth === 1 ? headings[0] : undefined;
  const below = title ? headings.slice(1) : headings;
  const level = stepLevel(below.map((h) => h.depth));
  // With `#` sections the leading `#` is a step like the others, not the title.
  const titled = title && level > 1 ? title : undefined;
  const starts = headings.filter((h) => h !== titled && h.depth <= level);
  const sections: Section[] = [];
  const first = starts[0];
  const introTokens = tokens
    .slice(0, first ? first.token : tokens.length)
    .filter((_, i) => !titled || i < titled.token || i > titled.token + 2);
  if (hasContent(introTokens) || !first) {
    const firstText = introTokens.find((t) => t.map)?.map?.[0];
    sections.push({
      line: (titled?.start ?? firstText ?? bodyStart) + 1,
      title: titled?.title ?? '',
      range: [bodyStart, first?.start ?? lineCount],
      textFrom: bodyStart,
      tokens: introTokens,
      intro: true,
    });
  }
  let parents: Heading[] = [];
  starts.forEach((h, i) => {
    parents = parents.filter((p) => p.depth < h.depth);
    const next = starts[i + 1];
    const own = tokens.slice(h.token + 3, next ? next.token : tokens.length);
    if (next && next.depth > h.depth && !hasContent(own)) {
      parents.push(h);
      return;
    }
    sections.push({
      line: h.start + 1,
      title: h.title,
      ...(parents.length ? { parents: parents.map((p) => p.title) } : {}),
      range: [h.start, next?.start ?? lineCount],
      tokens: own,
    });
  });
  const mixed = starts.some((h) => h.depth < level);
  return {
    sections,
    level,
    mixed,
    ...(titled ? { titleLine: titled.start, title: titled.title } : {}),
  };
}
