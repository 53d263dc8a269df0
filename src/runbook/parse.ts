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
// each section is a manual step (id = heading slug) offering its code blocks;
// those that need a shell (pipes, several lines) run through `sh`. Without `##`
// headings, `#` headings are the sections.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import { isAnnotation, kindOf, readAnnotation, warnIgnoredKeys } from './annotation.js';
import { commandBlocksOf, commandOf } from './code-block.js';
import { readFrontmatter, warnIfNoFrontmatter } from './frontmatter.js';
import { ID_PATTERN, slugify, uniqueId } from './ids.js';
import { warnIfEmpty } from './kinds/manual.js';
import { readPlainSection } from './plain.js';
import { type LintProblem, ProblemCollector } from './problems.js';
import {
  bodyOf,
  type CodeBlock,
  cleanInline,
  readSections,
  type Section,
  type Token,
} from './sections.js';
import type { ReadStep, StepMeta } from './step-meta.js';
import type { CommandSpec, OnFailure, Runbook, Step } from './types.js';
import { PREDEFINED_VARIABLES, placeholdersIn, VARIABLE_NAME } from './vars.js';

export { ID_PATTERN } from './ids.js';
export { splitWords } from './words.js';

const ON_FAILURE: readonly OnFailure[] = ['ask', 'retry', 'skip', 'shell', 'escalate', 'abort'];
const DEFAULT_POLL_TIMEOUT = 300;
const DEFAULT_POLL_INTERVAL = 10;

// ── helpers ──────────────────────────────────────────────────────────────

/** "90", "90s", "5m", "1h" -> seconds; undefined when it is none of those. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  const seconds = Math.round(Number(m[1]) * factor);
  return seconds > 0 ? seconds : undefined;
}

// ── steps ────────────────────────────────────────────────────────────────

function choicesOf(
  tokens: Token[],
  out: ProblemCollector,
): { choices: { label: string; goto: string }[]; lines: number[]; ranges: [number, number][] } {
  const choices: { label: string; goto: string }[] = [];
  const lines: number[] = [];
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'list_item_open' || t.level !== 1) continue;
    const inline = tokens.slice(i).find((x) => x.type === 'inline');
    const line = (t.map?.[0] ?? 0) + 1;
    const text = inline?.content.split('\n')[0] ?? '';
    const m = /^(.*?)\s*(?:→|->)\s*`?([^\s`]+)`?\s*$/.exec(text);
    if (!m) {
      out.warn(line, 'list item in a decide step is not a choice; write `- Label → step-id`');
      continue;
    }
    choices.push({ label: cleanInline(m[1] ?? ''), goto: m[2] ?? '' });
    lines.push(line);
    if (t.map) ranges.push(t.map);
  }
  return { choices, lines, ranges };
}

function buildStep(section: Section, lines: string[], out: ProblemCollector): ReadStep {
  const annotations = section.tokens.filter(isAnnotation);
  for (const extra of annotations.slice(1)) {
    out.error(
      (extra.map?.[0] ?? 0) + 1,
      'a second step annotation in the same step; put one right under the heading',
    );
  }
  const annotationToken = annotations[0] as Token;
  const notes = readAnnotation(annotationToken, out);
  const annotationLine = (annotationToken.map?.[0] ?? 0) + 1;
  const exclude: [number, number][] = annotations.flatMap((a) => (a.map ? [a.map] : []));

  const kind = kindOf(notes, annotationLine, out);
  warnIgnoredKeys(notes, kind, annotationLine, out);

  const explicitId = notes.get('step');
  const id = explicitId || slugify(section.title) || `step-${section.line}`;
  if (!explicitId) {
    out.warn(annotationLine, `step annotation without step: <id>; using "${id}" from the heading`);
  }
  if (explicitId && !ID_PATTERN.test(explicitId)) {
    out.error(
      annotationLine,
      `step id "${explicitId}": use letters, digits, dots, dashes, underscores`,
    );
  }
  const meta: StepMeta = {
    annotationLine,
    choiceLines: [],
    commandLines: new Map(),
    explicitId: Boolean(explicitId),
  };
  const base = {
    id,
    title: section.title,
    line: section.line,
    ...(notes.get('next') ? { next: notes.get('next') } : {}),
  };
  const shell = notes.get('shell');
  if (shell !== undefined && !/^[\w./-]+$/.test(shell)) {
    out.error(annotationLine, `shell: "${shell}" is not a program name; write e.g. shell: bash`);
  }
  // An annotated step says exactly how its commands run (plain.ts is the other way).
  const mode = { ...(shell ? { shell } : {}), auto: false };
  const fences = commandBlocksOf(section.tokens);
  const take = (fence: CodeBlock): CommandSpec | undefined => {
    const spec = commandOf(fence, mode, out);
    if (spec) meta.commandLines.set(spec, fence.line);
    exclude.push(fence.map);
    return spec;
  };
  const onFailure = (): OnFailure => {
    const value = (notes.get('on-failure') || 'ask').toLowerCase();
    if ((ON_FAILURE as readonly string[]).includes(value)) return value as OnFailure;
    out.error(annotationLine, `on-failure: "${value}"; use one of ${ON_FAILURE.join(', ')}`);
    return 'ask';
  };
  const oneCommand = (): CommandSpec => {
    const [first, ...rest] = fences;
    for (const f of rest)
      out.warn(f.line, `a ${kind} step runs only its first code block; this one is shown as text`);
    if (!first) {
      out.error(section.line, `${kind} step "${id}" has no code block with its command`);
      return { argv: [], source: '' };
    }
    return take(first) ?? { argv: [], source: first.content.trim() };
  };

  let step: Step;
  switch (kind) {
    case 'check':
    case 'run': {
      const command = oneCommand();
      step = { ...base, kind, command, onFailure: onFailure(), body: '' };
      break;
    }
    case 'ask': {
      const variable = notes.get('var') ?? '';
      if (!variable) out.error(annotationLine, `ask step "${id}" needs var: <name> for the answer`);
      else if (!VARIABLE_NAME.test(variable))
        out.error(
          annotationLine,
          `var: "${variable}" is not a variable name (letters, digits, _ and -)`,
        );
      const secret = /^(yes|true|on|1)?$/i.test(notes.get('secret') ?? 'no');
      step = {
        ...base,
        kind,
        variable,
        prompt: notes.get('prompt') || section.title,
        secret,
        body: '',
      };
      break;
    }
    case 'wait': {
      const [pollCodeBlock, ...rest] = fences;
      for (const f of rest)
        out.warn(f.line, 'a wait step polls only its first code block; this one is shown as text');
      const untilRef = notes.get('until');
      if (untilRef && pollCodeBlock) {
        out.error(pollCodeBlock.line, `wait step "${id}" has until: and a code block; keep one`);
      }
      if (untilRef) meta.untilRef = untilRef;
      const until = pollCodeBlock && !untilRef ? take(pollCodeBlock) : undefined;
      const secondsText = notes.get('seconds');
      let seconds = secondsText ? parseDuration(secondsText) : undefined;
      if (secondsText && seconds === undefined)
        out.error(annotationLine, `seconds: "${secondsText}" is not a duration (90, 90s, 5m)`);
      if (!secondsText && !pollCodeBlock && !untilRef) {
        out.error(
          annotationLine,
          `wait step "${id}" needs seconds: <n> to count down, until: <check step>, or a code block to poll`,
        );
      }
      seconds ??= DEFAULT_POLL_TIMEOUT;
      const intervalText = notes.get('interval');
      const interval = intervalText ? parseDuration(intervalText) : undefined;
      if (intervalText && interval === undefined)
        out.error(annotationLine, `interval: "${intervalText}" is not a duration (10, 10s, 1m)`);
      step = {
        ...base,
        kind,
        seconds,
        ...(until || untilRef ? { intervalSeconds: interval ?? DEFAULT_POLL_INTERVAL } : {}),
        ...(until ? { until } : {}),
        body: '',
      };
      break;
    }
    case 'decide': {
      const { choices, lines: choiceLines, ranges } = choicesOf(section.tokens, out);
      if (!choices.length)
        out.error(
          section.line,
          `decide step "${id}" has no choices; list them as \`- Label → step-id\``,
        );
      meta.choiceLines = choiceLines;
      exclude.push(...ranges);
      step = { ...base, kind, choices, body: '' };
      break;
    }
    case 'escalate': {
      const to = notes.get('to') ?? '';
      if (!to) out.error(annotationLine, `escalate step "${id}" needs to: <contact key>`);
      const ask = notes.get('ask');
      step = { ...base, kind, to, ...(ask ? { ask } : {}), body: '' };
      break;
    }
    default: {
      const commands = fences.map(take).filter((c): c is CommandSpec => c !== undefined);
      step = { ...base, kind: 'manual', commands, body: '' };
    }
  }
  step.body = bodyOf(lines, section, exclude);
  if (step.kind === 'manual') warnIfEmpty(step, out);
  return { step, meta };
}

// ── whole-runbook checks ─────────────────────────────────────────────────

/** `until: check-health` polls that check step's command: written once, run by both. */
function resolveUntil(runbook: Runbook, metas: Map<Step, StepMeta>, out: ProblemCollector): void {
  for (const step of runbook.steps) {
    const meta = metas.get(step);
    if (step.kind !== 'wait' || !meta?.untilRef) continue;
    const target = runbook.steps.find((s) => s.id === meta.untilRef);
    if (target?.kind === 'check' && target.command.argv.length) step.until = target.command;
    else {
      out.error(
        meta.annotationLine,
        `until: "${meta.untilRef}" is ${target ? `a ${target.kind} step` : 'no step id here'}; name a check step, or put the command in a code block`,
      );
    }
  }
}

function checkSteps(runbook: Runbook, metas: Map<Step, StepMeta>, out: ProblemCollector): void {
  const firstAt = new Map<string, number>();
  for (const step of runbook.steps) {
    const seen = firstAt.get(step.id);
    if (seen !== undefined) {
      out.error(
        metas.get(step)?.annotationLine ?? step.line,
        `duplicate step id "${step.id}" (first at line ${seen}); ids must be unique`,
      );
    } else firstAt.set(step.id, step.line);
  }
  const jump = (target: string, line: number, what: string) => {
    if (!firstAt.has(target)) {
      out.error(
        line,
        `${what} goes to "${target}", which is no step id here (ids: ${[...firstAt.keys()].join(', ')})`,
      );
    }
  };
  const defined = new Map<string, number>();
  for (const step of runbook.steps) {
    const meta = metas.get(step);
    if (step.next) jump(step.next, meta?.annotationLine ?? step.line, 'next:');
    if (step.kind === 'decide') {
      step.choices.forEach((c, i) => {
        jump(c.goto, meta?.choiceLines[i] ?? step.line, `choice "${c.label}"`);
      });
    }
    if (
      step.kind === 'escalate' &&
      step.to &&
      runbook.contacts.length &&
      !runbook.contacts.includes(step.to)
    ) {
      out.warn(
        meta?.annotationLine ?? step.line,
        `escalates to "${step.to}", who is not in the frontmatter contacts (${runbook.contacts.join(', ')})`,
      );
    }
    // Placeholders the walker fills: commands, and the ask text of an escalation.
    const texts: [string[], number][] = [...(meta?.commandLines ?? [])].map(([spec, line]) => [
      spec.argv,
      line,
    ]);
    if (step.kind === 'escalate' && step.ask) {
      texts.push([[step.ask], meta?.annotationLine ?? step.line]);
    }
    for (const [parts, line] of texts) {
      for (const name of new Set(parts.flatMap(placeholdersIn))) {
        if ((PREDEFINED_VARIABLES as readonly string[]).includes(name) || defined.has(name))
          continue;
        const later = runbook.steps.find((s) => s.kind === 'ask' && s.variable === name);
        out.error(
          line,
          later
            ? `{{${name}}} is used before the ask step that sets it (line ${later.line}); move that step earlier`
            : `{{${name}}} is not defined; add an ask step with var: ${name} before this step (predefined: ${PREDEFINED_VARIABLES.join(', ')})`,
        );
      }
    }
    if (step.kind === 'ask' && step.variable) defined.set(step.variable, step.line);
  }
}

// ── entry points ─────────────────────────────────────────────────────────

/** Parses a runbook; never throws for bad content. Problems come back in line order. */
export function parseRunbook(
  text: string,
  file: string,
): { runbook: Runbook; problems: LintProblem[] } {
  const out = new ProblemCollector(file);
  const hash = createHash('sha256').update(text).digest('hex');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = readFrontmatter(lines, out);
  const { sections, h1, outside } = readSections(lines, fm.lines, out);
  for (const t of outside.filter(isAnnotation)) {
    out.warn(
      (t.map?.[0] ?? 0) + 1,
      'step annotation before the first step heading is ignored; put it under a ## heading',
    );
  }
  const anyAnnotation = sections.some((s) => s.tokens.some(isAnnotation));
  const annotated = anyAnnotation;
  warnIfNoFrontmatter(fm, lines, out);
  const fileId = basename(file, extname(file));
  const metas = new Map<Step, StepMeta>();
  const usedSlugs = new Set<string>();
  const steps = sections.map((section) => {
    const { step, meta } = section.tokens.some(isAnnotation)
      ? buildStep(section, lines, out)
      : readPlainSection(section, lines, anyAnnotation, out);
    if (!meta.explicitId) {
      // Two "## Mitigation" sections in a plain file: number the second, do not fail.
      step.id = uniqueId(step.id, usedSlugs);
    }
    usedSlugs.add(step.id);
    metas.set(step, meta);
    return step;
  });
  if (!steps.length) out.error(1, 'no steps: add a `## Heading` for each step');

  const runbook: Runbook = {
    id: fm.data.id ?? fileId,
    title: fm.data.title ?? h1 ?? fileId,
    services: fm.data.services ?? [],
    alerts: fm.data.alerts ?? [],
    ...(fm.data.severity ? { severity: fm.data.severity } : {}),
    contacts: fm.data.contacts ?? [],
    file,
    hash,
    annotated,
    steps,
  };
  resolveUntil(runbook, metas, out);
  checkSteps(runbook, metas, out);
  const problems = out.problems.sort((a, b) => a.line - b.line);
  return { runbook, problems };
}

/** Reads and parses a runbook; a runbook with errors is refused with its first `file:line: reason`. */
export function loadRunbook(file: string): Runbook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(
      `${file}: cannot read the runbook (${code}); check the path or run \`oncall runbook list\``,
    );
  }
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
