// Reading a runbook file: frontmatter, then Markdown sections, each section
// one step (annotated.ts or plain.ts), then the whole Runbook. Reports what is
// wrong in the frontmatter or inside one step; the checks that look across
// steps are lint's (lint.ts), and parse.ts puts the two together.
import { basename, extname } from 'node:path';
import { sha256Hex } from '../text/hash.js';
import { headingSlug } from '../text/slug.js';
import { readAnnotatedSection } from './annotated.js';
import { isAnnotation } from './annotation.js';
import { readFrontmatter, warnIfNoFrontmatter } from './frontmatter.js';
import { uniqueId } from './ids.js';
import { linkUntil } from './kinds/wait.js';
import { readPlainSection } from './plain.js';
import { type PlainSplit, splitPlain } from './plain-split.js';
import { type LintProblem, ProblemCollector } from './problems.js';
import { HIDDEN_LINE, readSections, type Section, shownLines, type Token } from './sections.js';
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
  const markdown = readSections(lines, fm.lines, out);
  warnStrayAnnotations(markdown.outside, out);
  warnIfNoFrontmatter(fm, lines, out);
  const annotated = markdown.sections.some((s) => s.tokens.some(isAnnotation));
  const fileId = runbookIdOf(file);
  let title = fm.data.title ?? markdown.h1 ?? fileId;
  // What a step shows: HTML comments are hidden, as on GitHub.
  const shown = shownLines(lines, markdown.tokens);
  let sections = markdown.sections;
  if (!annotated) {
    const split = splitPlain(markdown.tokens, lines.length, fm.lines);
    warnSplit(split, fm.lines, out);
    if (split.titleLine !== undefined) shown[split.titleLine] = HIDDEN_LINE;
    title = fm.data.title ?? split.title ?? title;
    sections = split.sections;
    for (const section of sections) if (section.intro) section.title = title;
  }
  const metas = readSteps(sections, shown, annotated, out);
  const steps = [...metas.keys()];
  if (!steps.length) out.error(1, 'no steps: add a `## Heading` for each step');
  const runbook: Runbook = {
    id: fm.data.id ?? fileId,
    title,
    services: fm.data.services ?? [],
    alerts: fm.data.alerts ?? [],
    ...(fm.data.severity ? { severity: fm.data.severity } : {}),
    contacts: fm.data.contacts ?? [],
    file,
    hash: sha256Hex(text),
    annotated,
    steps,
  };
  linkUntil(steps, metas);
  return { runbook, problems: out.problems, metas };
}

/** A file's runbook id: its name without the extension. */
function runbookIdOf(file: string): string {
  return basename(file, extname(file));
}

/** Lint says how a plain file was cut into steps when it is not at each `##`. */
function warnSplit(split: PlainSplit, bodyStart: number, out: ProblemCollector): void {
  const first = split.sections.find((s) => !s.intro);
  if (!split.level || !first) {
    out.warn(
      split.sections[0]?.line ?? bodyStart + 1,
      'no heading below the title splits this file: it is walked as one step',
    );
    return;
  }
  if (split.level === 2) return;
  const hashes = '#'.repeat(split.level);
  const above = split.mixed ? ' (and each heading above it)' : '';
  out.warn(
    first.line,
    `each \`${hashes}\` heading${above} starts a step: the deepest heading level that splits this file`,
  );
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

/**
 * Every section as a step, in file order. Ids made from headings are numbered
 * when taken, in file order; the intro's `intro` last, so that adding an intro
 * never renames a heading's step.
 */
function readSteps(
  sections: Section[],
  lines: string[],
  annotatedFile: boolean,
  out: ProblemCollector,
): Map<Step, StepMeta> {
  const metas = new Map<Step, StepMeta>();
  let intro: Step | undefined;
  for (const section of sections) {
    const { step, meta } = section.tokens.some(isAnnotation)
      ? readAnnotatedSection(section, lines, out)
      : readPlainSection(section, lines, annotatedFile, out);
    if (section.intro) {
      intro = step;
      step.id = sections.length > 1 ? 'intro' : headingSlug(step.title) || 'runbook';
    }
    metas.set(step, meta);
  }
  const taken = new Set<string>();
  const order = [...metas].sort(([a], [b]) => Number(a === intro) - Number(b === intro));
  for (const [step, meta] of order) {
    // Two "## Mitigation" sections in a plain file: number the second, do not fail.
    if (!meta.explicitId) step.id = uniqueId(step.id, taken);
    taken.add(step.id);
  }
  return metas;
}
