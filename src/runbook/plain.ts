// A section of plain team Markdown (no step annotation) read as a step: a manual
// step, its id the heading's slug, offering the section's code blocks to run.
// This is what lets a team's existing runbook be walked unmodified.
//
// How commands are found in one code block is `commandsInBlock`, and only it:
// that is the piece to replace when plain blocks get a real shell parser.

import { headingSlug } from '../text/slug.js';
import { commandBlocksOf, commandOf } from './code-block.js';
import { warnIfEmpty } from './kinds/manual.js';
import type { ProblemCollector } from './problems.js';
import { bodyOf, type CodeBlock, type Section } from './sections.js';
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
  if (inAnnotatedFile) {
    out.warn(
      section.line,
      `step "${section.title}" has no annotation, so its id comes from the heading and renaming it breaks a resume; add <!-- step: ${id} -->`,
    );
  }
  const meta = newStepMeta(section.line, false);
  const blocks = commandBlocksOf(section.tokens);
  const commands: CommandSpec[] = [];
  for (const block of blocks) {
    for (const spec of commandsInBlock(block, out)) {
      meta.commandLines.set(spec, block.line);
      commands.push(spec);
    }
  }
  const step: ManualStep = {
    id,
    title: section.title,
    line: section.line,
    kind: 'manual',
    commands,
    body: bodyOf(
      lines,
      section,
      blocks.map((block) => block.map),
    ),
  };
  warnIfEmpty(step, out);
  return { step, meta };
}

/**
 * The commands in one code block of plain Markdown. Today: the block as one
 * command, run without a shell when it is one plain line and through `sh`
 * otherwise (pipes, several lines); nothing for an empty block.
 */
export function commandsInBlock(block: CodeBlock, out: ProblemCollector): CommandSpec[] {
  const spec = commandOf(block, { auto: true }, out);
  return spec ? [spec] : [];
}
