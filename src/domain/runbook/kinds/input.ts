// What a step builder gets: the section and its annotation, already read, with
// the parts every kind shares (id, heading, where it goes next) worked out.
// One builder per kind (kinds/<kind>.ts) turns it into that kind of step.
import type { Annotation } from '../annotation.js';
import type { ProblemCollector } from '../problems.js';
import type { CodeBlock, Section } from '../sections.js';
import type { StepMeta } from '../step-meta.js';
import type { CommandSpec } from '../types.js';

/** What every kind of step has. */
export interface StepHead {
  id: string;
  title: string;
  /** 1-based line of the heading. */
  line: number;
  next?: string;
}

export interface StepInput {
  head: StepHead;
  section: Section;
  /** The annotation's key: value pairs. */
  notes: Annotation;
  annotationLine: number;
  /** The section's command code blocks, in file order. */
  blocks: CodeBlock[];
  /** Reads a block as this step's command (noting its line) and keeps it out of the body. */
  take: (block: CodeBlock) => CommandSpec | undefined;
  /** Line ranges kept out of the body, beside the annotation and taken blocks (a decide step's choices). */
  exclude: [number, number][];
  meta: StepMeta;
  out: ProblemCollector;
}
