// A section with a step annotation read as a step: the annotation says the
// step's id, kind and where it goes next; the builder for that kind
// (kinds/<kind>.ts) reads the rest. An annotated step says exactly how its
// commands run: one plain command, or a script for its declared `shell:`.

import { headingSlug } from '../text/slug.js';
import {
  type Annotation,
  isAnnotation,
  kindOf,
  readAnnotation,
  warnIgnoredKeys,
} from './annotation.js';
import { commandBlocksOf, commandOf } from './code-block.js';
import { ID_PATTERN } from './ids.js';
import { buildAskStep } from './kinds/ask.js';
import { buildCommandStep } from './kinds/command.js';
import { buildDecideStep } from './kinds/decide.js';
import { buildEscalateStep } from './kinds/escalate.js';
import type { StepHead, StepInput } from './kinds/input.js';
import { buildManualStep, warnIfEmpty } from './kinds/manual.js';
import { buildWaitStep } from './kinds/wait.js';
import type { ProblemCollector } from './problems.js';
import { bodyOf, type CodeBlock, type Section, type Token } from './sections.js';
import { newStepMeta, type ReadStep } from './step-meta.js';
import type { CommandSpec, Step, StepKind } from './types.js';

const BUILDERS: Record<StepKind, (input: StepInput) => Step> = {
  manual: buildManualStep,
  check: (input) => buildCommandStep('check', input),
  run: (input) => buildCommandStep('run', input),
  ask: buildAskStep,
  wait: buildWaitStep,
  decide: buildDecideStep,
  escalate: buildEscalateStep,
};

/** Reads a section that has an annotation (read.ts sends the others to plain.ts). */
export function readAnnotatedSection(
  section: Section,
  lines: string[],
  out: ProblemCollector,
): ReadStep {
  const [annotation, ...extra] = section.tokens.filter(isAnnotation) as [Token, ...Token[]];
  for (const token of extra) {
    out.error(
      (token.map?.[0] ?? 0) + 1,
      'a second step annotation in the same step; put one right under the heading',
    );
  }
  const notes = readAnnotation(annotation, out);
  const annotationLine = (annotation.map?.[0] ?? 0) + 1;
  const exclude = [annotation, ...extra].flatMap((a) => (a.map ? [a.map] : []));
  const kind = kindOf(notes, annotationLine, out);
  warnIgnoredKeys(notes, kind, annotationLine, out);
  const head = headOf(section, notes, annotationLine, out);
  const meta = newStepMeta(annotationLine, Boolean(notes.get('step')));
  const shell = shellOf(notes, annotationLine, out);
  const mode = shell ? { shell } : {};
  const take = (block: CodeBlock): CommandSpec | undefined => {
    const spec = commandOf(block, mode, out);
    if (spec) meta.commandLines.set(spec, block.line);
    exclude.push(block.map);
    return spec;
  };
  const blocks = commandBlocksOf(section.tokens);
  const step = BUILDERS[kind]({
    head,
    section,
    notes,
    annotationLine,
    blocks,
    take,
    exclude,
    meta,
    out,
  });
  step.body = bodyOf(lines, section, exclude);
  if (step.kind === 'manual') warnIfEmpty(step, out);
  return { step, meta };
}

/** Id, title, line and next. Without `step: <id>` the id comes from the heading, with a warning. */
function headOf(
  section: Section,
  notes: Annotation,
  annotationLine: number,
  out: ProblemCollector,
): StepHead {
  const explicitId = notes.get('step');
  const id = explicitId || headingSlug(section.title) || `step-${section.line}`;
  if (!explicitId) {
    out.warn(annotationLine, `step annotation without step: <id>; using "${id}" from the heading`);
  } else if (!ID_PATTERN.test(explicitId)) {
    out.error(
      annotationLine,
      `step id "${explicitId}": use letters, digits, dots, dashes, underscores`,
    );
  }
  const next = notes.get('next');
  return { id, title: section.title, line: section.line, ...(next ? { next } : {}) };
}

/** The `shell:` to run the step's blocks with: a program name, never a command line. */
function shellOf(
  notes: Annotation,
  annotationLine: number,
  out: ProblemCollector,
): string | undefined {
  const shell = notes.get('shell');
  if (shell !== undefined && !/^[\w./-]+$/.test(shell)) {
    out.error(annotationLine, `shell: "${shell}" is not a program name; write e.g. shell: bash`);
  }
  return shell;
}
