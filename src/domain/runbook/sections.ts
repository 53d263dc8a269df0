// Runbook Markdown -> sections: each `##` heading (or `#`, when there is no `##`)
// opens a section that becomes one step. Here is everything about the Markdown
// as Markdown: markdown-it's tokens, heading lines, code blocks and the text a
// step shows; what a step *means* is read elsewhere (annotated.ts, plain.ts).
import MarkdownIt from 'markdown-it';
import type { ProblemCollector } from './problems.js';

// Token type from the parser itself (markdown-it ships its own types besides @types).
export type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export interface Section {
  /** 1-based line of the heading. */
  line: number;
  title: string;
  /** 0-based [start, end) lines of the whole section, heading included. */
  range: [number, number];
  tokens: Token[];
  /** 0-based line its text starts at, when it is not the line after the heading (the intro has none). */
  textFrom?: number;
  /** The text before the first step heading (plain Markdown): the step `intro`. */
  intro?: boolean;
  /** Headings above it with nothing of their own under them: they lead its title. */
  parents?: string[];
}

/** A fenced code block (```lang ... ```). */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  /** The first word of the info string, lower-cased ('' when none). */
  lang: string;
  content: string;
  /** 0-based [start, end) lines, fences included. */
  map: [number, number];
}

interface Sections {
  /** Every token of the Markdown, in order. */
  tokens: Token[];
  sections: Section[];
  /** The first `#` heading's text: the runbook's title when the frontmatter has none. */
  h1?: string;
  /** Tokens before the first section (the intro). */
  outside: Token[];
}

/** Heading text as plain words: backticks and emphasis marks dropped. */
export function cleanInline(text: string): string {
  return text.replace(/[`*]/g, '').trim();
}

/**
 * The file's Markdown, split into sections. The frontmatter's lines are blanked
 * (not removed) so that markdown-it's line numbers are the file's.
 */
export function readSections(
  lines: string[],
  frontmatterLines: number,
  out: ProblemCollector,
): Sections {
  const markdown = [
    ...lines.slice(0, frontmatterLines).map(() => ''),
    ...lines.slice(frontmatterLines),
  ].join('\n');
  const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
  for (const t of tokens) if (t.type === 'fence') checkFenceClosed(t, lines, out);
  return { tokens, ...splitSections(tokens, lines.length) };
}

/** Sections at `##` when the file has any, else at `#`; a `#` heading always ends a section. */
function splitSections(tokens: Token[], lineCount: number): Omit<Sections, 'tokens'> {
  const level = tokens.some((t) => t.type === 'heading_open' && t.level === 0 && t.tag === 'h2')
    ? 'h2'
    : 'h1';
  const sections: Section[] = [];
  const outside: Token[] = [];
  let h1: string | undefined;
  let current: Section | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'heading_open' && t.level === 0 && (t.tag === level || t.tag === 'h1')) {
      const text = cleanInline(tokens[i + 1]?.content ?? '');
      const start = t.map?.[0] ?? 0;
      if (current) current.range[1] = start;
      current = undefined;
      if (t.tag === level) {
        current = { line: start + 1, title: text, range: [start, lineCount], tokens: [] };
        sections.push(current);
      } else h1 ??= text;
      i += 2; // inline + heading_close
      continue;
    }
    if (current) current.tokens.push(t);
    else outside.push(t);
  }
  return { sections, ...(h1 !== undefined ? { h1 } : {}), outside };
}

export function codeBlocksOf(tokens: Token[]): CodeBlock[] {
  return tokens
    .filter((t) => t.type === 'fence' && t.map)
    .map((t) => ({
      line: (t.map?.[0] ?? 0) + 1,
      lang: t.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '',
      content: t.content,
      map: t.map as [number, number],
    }));
}

/** markdown-it quietly runs an unclosed block to the end of the file; say so. */
function checkFenceClosed(fence: Token, lines: string[], out: ProblemCollector): void {
  const [start, end] = fence.map ?? [0, 0];
  const last = lines[end - 1]?.trim() ?? '';
  const char = fence.markup[0] ?? '`';
  const closed =
    end - 1 > start && last.length >= fence.markup.length && [...last].every((c) => c === char);
  if (!closed) {
    out.warn(
      start + 1,
      `code block opened with ${fence.markup} is never closed; it runs to the end of the file`,
    );
  }
}

/** 0-based line where a section's text starts: after its heading. */
export function textStart(section: Section): number {
  return section.textFrom ?? section.range[0] + 1;
}

/**
 * The section's text as written, heading excluded, without the lines in `exclude`
 * (the annotation, the commands and choices the walk shows on their own).
 */
export function bodyOf(lines: string[], section: Section, exclude: [number, number][]): string {
  const kept: string[] = [];
  for (let i = textStart(section); i < section.range[1]; i++) {
    if (exclude.some(([s, e]) => i >= s && i < e)) continue;
    kept.push(lines[i] ?? '');
  }
  return joinShown(kept).trim();
}

/** A line that holds nothing a step shows (an HTML comment, the title): left out of the text. */
export const HIDDEN_LINE = '\u0000';

/** Lines as text: hidden lines left out, blank runs squeezed. */
export function joinShown(lines: string[]): string {
  return lines
    .filter((l) => l !== HIDDEN_LINE)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * The file's lines as a step shows them: HTML comments (`<!-- … -->`, hidden
 * on GitHub too) taken out of the text, code blocks and inline code left as
 * written. The line count does not change, so every line number still holds.
 */
export function shownLines(lines: string[], tokens: Token[]): string[] {
  const code = new Set<number>();
  for (const t of tokens) {
    if ((t.type === 'fence' || t.type === 'code_block') && t.map)
      for (let i = t.map[0]; i < t.map[1]; i++) code.add(i);
  }
  const out = [...lines];
  for (let i = 0; i < out.length; ) {
    let j = i;
    while (j < out.length && !code.has(j)) j++;
    if (j > i) {
      const run = out.slice(i, j).join('\n');
      const kept = run.replace(/<!--[\s\S]*?-->/g, (comment, at: number) => {
        const lineStart = run.lastIndexOf('\n', at - 1) + 1;
        const ticks = (run.slice(lineStart, at).match(/`/g) ?? []).length;
        return ticks % 2 ? comment : '\n'.repeat(comment.split('\n').length - 1);
      });
      if (kept !== run) {
        kept.split('\n').forEach((line, k) => {
          const before = lines[i + k] ?? '';
          if (line !== before) out[i + k] = line.trim() ? line.trimEnd() : HIDDEN_LINE;
        });
      }
    }
    i = j + 1;
  }
  return out;
}
