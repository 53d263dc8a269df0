// decide steps: the responder picks a branch. Choices are a Markdown list,
// `- Label → step-id` (or `->`), so the runbook still reads as a list on GitHub.
import type { ProblemCollector } from '../problems.js';
import { cleanInline, type Token } from '../sections.js';
import type { DecideStep } from '../types.js';
import type { StepInput } from './input.js';

interface Choices {
  choices: { label: string; goto: string }[];
  /** 1-based line of each choice. */
  lines: number[];
  /** 0-based [start, end) lines of the choices' list items with nothing more to say, kept out of the body. */
  ranges: [number, number][];
}

export function buildDecideStep({ head, section, meta, exclude, out }: StepInput): DecideStep {
  const { choices, lines, ranges } = choicesOf(section.tokens, out);
  // A choice the menu shows in full leaves the body; one with more text under
  // it (a hint, a sub-list) stays, so that text is still on the screen.
  if (!choices.length) {
    out.error(
      head.line,
      `decide step "${head.id}" has no choices; list them as \`- Label → step-id\``,
    );
  }
  meta.choiceLines = lines;
  exclude.push(...ranges);
  return { ...head, kind: 'decide', choices, body: '' };
}

/** The list item at `open` holds more than its choice line: another line, paragraph or list. */
function saysMore(tokens: Token[], open: number, first: Token | undefined): boolean {
  if (first?.content.includes('\n')) return true;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'list_item_close' && t.level === tokens[open]?.level) return false;
    if (t.type === 'inline' && t !== first) return true;
  }
  return false;
}

/** The top-level list items that read `Label → step-id`; any other item is text, with a warning. */
function choicesOf(tokens: Token[], out: ProblemCollector): Choices {
  const choices: { label: string; goto: string }[] = [];
  const lines: number[] = [];
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'list_item_open' || t.level !== 1) continue;
    const inline = tokens.slice(i).find((x) => x.type === 'inline');
    const line = (t.map?.[0] ?? 0) + 1;
    const text = inline?.content.split('\n')[0] ?? '';
    const m = /^(.*?)\s*(?:\u2192|->)\s*`?([^\s`]+)`?\s*$/.exec(text);
    if (!m) {
      out.warn(line, 'list item in a decide step is not a choice; write `- Label → step-id`');
      continue;
    }
    choices.push({ label: cleanInline(m[1] ?? ''), goto: m[2] ?? '' });
    lines.push(line);
    if (t.map && !saysMore(tokens, i, inline)) ranges.push(t.map);
  }
  return { choices, lines, ranges };
}
