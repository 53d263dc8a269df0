// Runbook text cut into sections the way read.ts does it, for unit tests of
// the pieces that read one section (annotated.ts, plain.ts, kinds/).
import { ProblemCollector } from '../../src/domain/runbook/problems.js';
import { readSections, type Section } from '../../src/domain/runbook/sections.js';

export const FILE = '/rb/unit.md';

/** Lines as read.ts splits them, the sections, and a collector for what reading finds. */
export function sectionsOf(text: string): {
  lines: string[];
  sections: Section[];
  out: ProblemCollector;
} {
  const lines = text.split('\n');
  const out = new ProblemCollector(FILE);
  const { sections } = readSections(lines, 0, out);
  return { lines, sections, out };
}

/** The only (or first) section of a text. */
export function sectionOf(text: string): {
  lines: string[];
  section: Section;
  out: ProblemCollector;
} {
  const { lines, sections, out } = sectionsOf(text);
  const section = sections[0];
  if (!section) throw new Error(`no section in:\n${text}`);
  return { lines, section, out };
}

/** Problems as `line severity: message`, short enough to compare whole. */
export function briefly(out: ProblemCollector): string[] {
  return out.problems.map((p) => `${p.line} ${p.severity}: ${p.message}`);
}
