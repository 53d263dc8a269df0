// A section of plain team Markdown (no step annotation) read as a step: a manual
// step, its id the heading's slug, offering the section's commands one at a
// time, in the order and place the author wrote them, each with the text
// before it. This is what lets a team's existing runbook be walked unmodified.
//
// Which lines of a code block are commands is block.ts's rule; how one command
// is read (placeholders, shell or argv, does it change state) is script.ts's.
import { headingSlug } from '../text/slug.js';
import { readBlock } from './block.js';
import { blockLanguage } from './console.js';
import { examplesIn, offerExamples } from './examples.js';
import { type InlineCommand, inlineCommandsOf } from './inline.js';
import { warnIfEmpty } from './kinds/manual.js';
import type { ProblemCollector } from './problems.js';
import { readCommand, shellOfLang } from './script.js';
import {
  bodyOf,
  type CodeBlock,
  HIDDEN_LINE,
  joinShown,
  type Section,
  type Token,
  textStart,
} from './sections.js';
import { newStepMeta, type ReadStep } from './step-meta.js';
import type { CommandSpec, ManualStep } from './types.js';

/**
 * Reads a section without annotation. In a file whose other steps are annotated
 * it is still walked, with a warning: its id would change with its heading.
 */
export function readPlainSection(
  section: Section,
  lines: string[],
  inAnnotatedFile: boolean,
  out: ProblemCollector,
): ReadStep {
  const id = headingSlug(section.title) || `step-${section.line}`;
  const title = [...(section.parents ?? []), section.title].join(' › ');
  if (inAnnotatedFile) {
    out.warn(
      section.line,
      `step "${section.title}" has no annotation, so its id comes from the heading and renaming it breaks a resume; add <!-- step: ${id} -->`,
    );
  }
  const meta = newStepMeta(section.line, false);
  const examples = examplesIn(bodyOf(lines, section, codeMapsOf(section.tokens)));
  const commands: CommandSpec[] = [];
  const taken: [number, number][] = [];
  // Text since the previous command (or the heading): the next command's lead-in.
  let textFrom = textStart(section);
  for (const item of commandsInOrder(section, lines, examples, out)) {
    if ('span' in item) {
      const lead = item.span.end > textFrom ? textBetween(lines, textFrom, item.span.end) : '';
      if (lead) item.spec.intro = lead;
      textFrom = Math.max(textFrom, item.span.end);
      meta.commandLines.set(item.spec, item.span.line + 1);
      commands.push(item.spec);
      continue;
    }
    const { block, specs } = item;
    const lead = textBetween(lines, textFrom, block.map[0]);
    specs.forEach((spec, i) => {
      const intro = [i === 0 ? lead : '', spec.intro ?? ''].filter(Boolean).join('\n');
      if (intro) spec.intro = intro;
      else delete spec.intro;
      meta.commandLines.set(spec, spec.line ?? block.line);
      commands.push(spec);
    });
    taken.push(block.map);
    textFrom = block.map[1];
  }
  for (const spec of commands) offerExamples(spec, examples);
  const closing = commands.length ? textBetween(lines, textFrom, section.range[1]) : '';
  const step: ManualStep = {
    id,
    title,
    line: section.line,
    kind: 'manual',
    commands,
    ...(closing ? { closing } : {}),
    body: bodyOf(lines, section, taken),
  };
  warnIfEmpty(step, out);
  return { step, meta };
}

type Item =
  | { block: CodeBlock & { firstLine: number }; specs: CommandSpec[] }
  | { span: InlineCommand; spec: CommandSpec };

/**
 * The section's commands in the order written: each code block's, and each
 * inline code span that reads as a command line (inline.ts) unless a block of
 * the step already offers it.
 */
function commandsInOrder(
  section: Section,
  lines: string[],
  examples: readonly string[],
  out: ProblemCollector,
): Item[] {
  const blocks: Item[] = plainBlocksOf(section.tokens, out)
    .map((block) => ({ block, specs: commandsInBlock(block, out, examples) }))
    .filter((item) => item.specs.length);
  const offered = new Set(
    blocks.flatMap((b) => ('specs' in b ? b.specs : []).map((s) => s.source.trim())),
  );
  const spans: Item[] = [];
  for (const span of inlineCommandsOf(section.tokens, lines)) {
    if (offered.has(span.script)) continue;
    offered.add(span.script);
    const line = span.line + 1;
    out.warn(line, `\`${span.script}\` in the text reads as a command line: offered to run`);
    spans.push({
      span,
      spec: { ...readPlain(span.script, line, '', examples, out), inline: true },
    });
  }
  const at = (item: Item) => ('span' in item ? item.span.line : item.block.map[0]);
  return [...blocks, ...spans].sort((a, b) => at(a) - at(b));
}

/** The lines of a section's code blocks, fenced or indented. */
function codeMapsOf(tokens: Token[]): [number, number][] {
  return tokens
    .filter((t) => (t.type === 'fence' || t.type === 'code_block') && t.map)
    .map((t) => t.map as [number, number]);
}

/** Lines [from, to) as text, blank runs squeezed; indentation common to all lines removed. */
function textBetween(lines: string[], from: number, to: number): string {
  const kept = lines.slice(from, to).filter((l) => l !== HIDDEN_LINE);
  const indents = kept.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return joinShown(kept.map((l) => l.slice(cut))).trim();
}

/** Fenced blocks and indented (4-space) blocks alike: plain runbooks use both. */
function plainBlocksOf(
  tokens: Token[],
  out: ProblemCollector,
): (CodeBlock & { firstLine: number })[] {
  return tokens
    .filter((t) => (t.type === 'fence' || t.type === 'code_block') && t.map)
    .map((t) => {
      const map = t.map as [number, number];
      const fenced = t.type === 'fence';
      const { lang, typo } = fenced ? blockLanguage(t.info) : { lang: '' };
      if (typo) {
        out.warn(
          map[0] + 1,
          `a block tagged \`${lang}\` is shown as text, not run: no language oncall runs (did you mean \`${typo}\`?)`,
        );
      }
      return {
        line: map[0] + 1,
        lang,
        content: t.content,
        map,
        // 0-based file line of the block's first content line.
        firstLine: fenced ? map[0] + 1 : map[0],
      };
    });
}

/**
 * The commands in one code block of plain Markdown, each as its author wrote
 * it (block.ts says which lines those are), read with the shell parser. What
 * had to be guessed is reported as a warning at its line, for lint.
 */
export function commandsInBlock(
  block: CodeBlock & { firstLine?: number },
  out: ProblemCollector,
  examples: readonly string[] = [],
): CommandSpec[] {
  const firstLine = block.firstLine ?? block.map[0] + 1;
  const reading = readBlock(block.content, block.lang);
  for (const [line, message] of reading.guesses) out.warn(firstLine + line + 1, message);
  return reading.commands.map((found) => {
    const line = firstLine + found.line + 1;
    const spec = readPlain(found.script, line, shellOfLang(block.lang), examples, out);
    return {
      ...spec,
      ...(found.expectedOutput !== undefined ? { expectedOutput: found.expectedOutput } : {}),
      ...(found.intro ? { intro: found.intro } : {}),
      ...(found.prompt ? { prompt: found.prompt } : {}),
      ...(found.inside !== undefined ? { inside: found.inside, interactive: true } : {}),
    };
  });
}

/** One command of plain Markdown read with the shell parser; what lint should know, said at its line. */
function readPlain(
  script: string,
  line: number,
  shell: string | undefined,
  examples: readonly string[],
  out: ProblemCollector,
): CommandSpec {
  const { spec, syntaxError, ignored, notes } = readCommand(script, {
    plain: true,
    examples,
    ...(shell ? { preferredShell: shell } : {}),
  });
  if (syntaxError)
    out.warn(line, 'the shell parser found an error in this command; it is offered as written');
  for (const note of ignored) out.warn(line, note);
  for (const p of spec.placeholders ?? []) {
    const example = p.example ? ` (the runbook's example, ${p.example}, offered)` : '';
    out.warn(
      line,
      `${p.text} is a placeholder: ${p.kind === 'env' ? 'asked when unset, ' : ''}asked before the command runs${example}`,
    );
  }
  for (const note of notes) out.warn(line, note);
  return { ...spec, line };
}
