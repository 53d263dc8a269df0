// Reading a runbook file: frontmatter, then Markdown sections, each section
// one step (annotated.ts or plain.ts), then the whole Runbook. Reports what is
// wrong in the frontmatter or inside one step; the checks that look across
// steps are lint's (lint.ts), and parse.ts puts the two together.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { readAnnotatedSection } from './annotated.js';
import { isAnnotation } from './annotation.js';
import { readFrontmatter, warnIfNoFrontmatter } from './frontmatter.js';
import { uniqueId } from './ids.js';
import { linkUntil } from './kinds/wait.js';
import { readPlainSection } from './plain.js';
import { type LintProblem, ProblemCollector } from './problems.js';
import { readSections, type Section, type Token } from './sections.js';
import type { StepMeta } from './step-meta.js';
import type { Runbook, Step } from './types.js';

export interface ReadRunbook {
  runbook: Runbook;
  /** What reading found, in the order found (not yet by line). */
  problems: LintProblem[];
  /** Where each step's parts are, for lint to point at. */
  metas: Map<Step, StepMeta>;
}

/** Reads a runbook's text; never throws for bad content. */
export function readRunbook(text: string, file: string): ReadRunbook {
  const out = new ProblemCollector(file);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = readFrontmatter(lines, out);
  const { sections, h1, outside } = readSections(lines, fm.lines, out);
  warnStrayAnnotations(outside, out);
  warnIfNoFrontmatter(fm, lines, out);
  const annotated = sections.some((s) => s.tokens.some(isAnnotation));
  const metas = readSteps(sections, lines, annotated, out);
  const steps = [...metas.keys()];
  if (!steps.length) out.error(1, 'no steps: add a `## Heading` for each step');
  const fileId = basename(file, extname(file));
  const runbook: Runbook = {
    id: fm.data.id ?? fileId,
    title: fm.data.title ?? h1 ?? fileId,
    services: fm.data.services ?? [],
    alerts: fm.data.alerts ?? [],
    ...(fm.data.severity ? { severity: fm.data.severity } : {}),
    contacts: fm.data.contacts ?? [],
    file,
    hash: createHash('sha256').update(text).digest('hex'),
    annotated,
    steps,
  };
  linkUntil(steps, metas);
  return { runbook, problems: out.problems, metas };
}

/** An annotation in the intro belongs to no step. */
function warnStrayAnnotations(outside: Token[], out: ProblemCollector): void {
  for (const t of outside.filter(isAnnotation)) {
    out.warn(
      (t.map?.[0] ?? 0) + 1,
      'step annotation before the first step heading is ignored; put it under a ## heading',
    );
  }
}

/** Every section as a step, in file order; ids made from headings are numbered when taken. */
function readSteps(
  sections: Section[],
  lines: string[],
  annotatedFile: boolean,
  out: ProblemCollector,
): Map<Step, StepMeta> {
  const metas = new Map<Step, StepMeta>();
  const taken = new Set<string>();
  for (const section of sections) {
    const { step, meta } = section.tokens.some(isAnnotation)
      ? readAnnotatedSection(section, lines, out)
      : readPlainSection(section, lines, annotatedFile, out);
    // Two "## Mitigation" sections in a plain file: number the second, do not fail.
    if (!meta.explicitId) step.id = uniqueId(step.id, taken);
    taken.add(step.id);
    metas.set(step, meta);
  }
  return metas;
}
