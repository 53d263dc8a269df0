// Runbook Markdown -> Runbook. The format, chosen to read well on GitHub:
//
//   ---                                  YAML frontmatter (all optional):
//   id: site-down-after-deploy           id (default: file name), title,
//   title: Site down right after a deploy services, alerts (a word or a list),
//   services: [web]                      severity (SEV1..SEV4), contacts (keys)
//   alerts: [HighErrorRate, SiteDown]
//   severity: SEV2
//   contacts: [web-lead]
//   ---
//   # Site down right after a deploy     the title; text before the first step is an intro
//
//   ## Check the health endpoint         every `##` heading is one step
//   <!-- step: check-health kind: check on-failure: retry -->
//   Text for the responder ...           the body, shown as written
//   ```sh
//   curl -fsS {{base_url}}/healthz       the command: one line, split into words
//   ```
//
// The annotation is an HTML comment (invisible on GitHub) anywhere in the step,
// `key: value` pairs; a value runs until the next key, quote it to contain one.
//   step: <id>         stable id, so editing the text never breaks a resume
//   kind: manual | check | run | ask | wait | decide | escalate   (default manual)
//   next: <id>         where to go after this step (default: the next heading)
//   on-failure: ask | retry | skip | shell | escalate | abort    (check, run)
//   shell: bash        run the code block as a script (values are then quoted)
//   var: <name>  prompt: <text>  secret: yes                     (ask)
//   seconds: 90 | 5m   countdown; with a code block (or until: <check step id>)
//   interval: 15s      poll it every `interval` until it passes, for at most `seconds`  (wait)
//   to: <contact>  ask: <what you need from them>                (escalate)
// A decide step lists its choices as `- Label → step-id` (or `->`).
// Code blocks are commands when their language is empty, sh, shell, bash, zsh
// or console (`$ ` prompts are stripped, other lines are output).
//
// Variables predefined for every runbook: incident, title, service, severity, alert
// (see vars.ts). Lint checks placeholders in file order: an ask step must come first.
//
// Plain team Markdown (no annotations; frontmatter optional) is walked unmodified:
// each section is a manual step (id = heading slug) offering its commands one at
// a time; a shell parser (shell.ts) decides where each ends, which lines are
// expected output (block.ts) and where its placeholders are (placeholders.ts).
// Without `##` headings, `#` headings are the sections.
//
// This module is the entry point; the work is done by:
//   read.ts          the pipeline: frontmatter, sections, one step per section
//   frontmatter.ts   the YAML frontmatter        sections.ts   Markdown -> sections
//   annotation.ts    the step comment's keys     code-block.ts a code block -> command
//   annotated.ts     an annotated section, handed to kinds/<kind>.ts for its kind
//   plain.ts         a section without annotation (plain team Markdown)
//   block.ts, script.ts, placeholders.ts, state.ts, shell.ts
//                    its code blocks: commands, output, placeholders, effects
//   lint.ts          the checks across steps (ids, next:, choices, until:, variables)
import { UsageError } from '../../errors.js';
import { lintRead } from './lint.js';
import type { LintProblem } from './problems.js';
import { readRunbook } from './read.js';
import type { Runbook } from './types.js';

// The names parse.ts exported before it was split, so no caller has to change.
export { ID_PATTERN } from './ids.js';
export { splitWords } from './words.js';

/** Parses a runbook; never throws for bad content. Problems come back in line order. */
export function parseRunbook(
  text: string,
  file: string,
): { runbook: Runbook; problems: LintProblem[] } {
  const read = readRunbook(text, file);
  return { runbook: read.runbook, problems: lintRead(read) };
}

/** The runbook in `text` (the file `file`), or a usage error naming its first error by file:line. */
export function runbookFrom(text: string, file: string): Runbook {
  const { runbook, problems } = parseRunbook(text, file);
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (first) {
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more: \`oncall runbook lint ${file}\`)` : '';
    throw new UsageError(`${first.file}:${first.line}: ${first.message}${more}`);
  }
  return runbook;
}
