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
import MarkdownIt from 'markdown-it';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { severitySchema } from '../incident/events.js';
import type { LintProblem } from './problems.js';
import type { CommandSpec, OnFailure, Runbook, Step, StepKind } from './types.js';
import { PREDEFINED_VARIABLES, placeholdersIn, VARIABLE_NAME } from './vars.js';

// Token type from the parser itself (markdown-it ships its own types besides @types).
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const STEP_KINDS: readonly StepKind[] = [
  'manual',
  'check',
  'run',
  'ask',
  'wait',
  'decide',
  'escalate',
];
const ON_FAILURE: readonly OnFailure[] = ['ask', 'retry', 'skip', 'shell', 'escalate', 'abort'];
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;
const COMMAND_LANGS = new Set(['', 'sh', 'shell', 'bash', 'zsh', 'console', 'shell-session']);
const DEFAULT_POLL_TIMEOUT = 300;
const DEFAULT_POLL_INTERVAL = 10;

// Which annotation keys each kind understands (others are reported, not guessed at).
const KEYS_FOR: Record<StepKind, readonly string[]> = {
  manual: ['shell'],
  check: ['on-failure', 'shell'],
  run: ['on-failure', 'shell'],
  ask: ['var', 'prompt', 'secret'],
  wait: ['seconds', 'interval', 'until', 'shell'],
  decide: [],
  escalate: ['to', 'ask'],
};
const COMMON_KEYS = ['step', 'kind', 'next'];
const ALIASES: Record<string, string> = { variable: 'var', timeout: 'seconds', id: 'step' };
const ALL_KEYS = new Set([
  ...COMMON_KEYS,
  ...Object.values(KEYS_FOR).flat(),
  ...Object.keys(ALIASES),
]);

const listOf = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (typeof v === 'string' ? [v] : v));
const frontmatterSchema = z.object({
  id: z.string().regex(ID_PATTERN, 'use letters, digits, dots, dashes, underscores').optional(),
  title: z.string().min(1).optional(),
  services: listOf.optional(),
  alerts: listOf.optional(),
  severity: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(severitySchema)
    .optional(),
  contacts: listOf.optional(),
});
const FRONTMATTER_KEYS = new Set(Object.keys(frontmatterSchema.shape));
const FRONTMATTER_HINTS: Record<string, string> = {
  id: 'use letters, digits, dots, dashes, underscores (e.g. site-down)',
  title: 'one line of text',
  services: 'a name or a list of names, e.g. [web, api]',
  alerts: 'an alert name or a list of them, e.g. [HighErrorRate, SiteDown]',
  severity: 'use SEV1, SEV2, SEV3 or SEV4',
  contacts: 'a contact key or a list of them, e.g. [alice, web-lead]',
};

// ── words ────────────────────────────────────────────────────────────────

interface Words {
  words: string[];
  /** The first character that only a shell understands (pipe, redirect, `$`, glob), if any. */
  shellSyntax?: string;
  error?: string;
  /** With `marks`: whether each word had quotes in it (a quoted "kind:" is text, not a key). */
  quoted?: boolean[];
}

/**
 * Splits one line of the runbook's own text into words, honouring '…', "…" and
 * backslash escapes. Never used on values typed by the responder.
 */
export function splitWords(
  line: string,
  options: { comments?: boolean; marks?: boolean } = {},
): Words {
  const words: string[] = [];
  const quoted: boolean[] = [];
  let word = '';
  let inWord = false;
  let wordQuoted = false;
  const push = () => {
    words.push(word);
    quoted.push(wordQuoted);
    wordQuoted = false;
  };
  let shellSyntax: string | undefined;
  const flag = (c: string) => {
    shellSyntax ??= c;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t') {
      if (inWord) push();
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { words, error: 'a single quote is never closed' };
      word += line.slice(i + 1, end);
      inWord = true;
      wordQuoted = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] ?? '';
        // As in sh: inside double quotes a backslash escapes only $ ` " and itself.
        if (d === '\\' && '$`"\\'.includes(line[j + 1] ?? 'x')) word += line[++j];
        else {
          if (d === '$' || d === '`') flag(d);
          word += d;
        }
      }
      if (j >= line.length) return { words, error: 'a double quote is never closed' };
      inWord = true;
      wordQuoted = true;
      i = j;
    } else if (c === '\\') {
      word += line[++i] ?? '';
      inWord = true;
    } else if (c === '#' && !inWord && options.comments !== false) {
      break; // a comment to the end of the line
    } else {
      if ('|&;<>()$`*'.includes(c) || (c === '~' && !inWord)) flag(c);
      word += c;
      inWord = true;
    }
  }
  if (inWord) push();
  return {
    words,
    ...(shellSyntax ? { shellSyntax } : {}),
    ...(options.marks ? { quoted } : {}),
  };
}

// ── helpers ──────────────────────────────────────────────────────────────

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

function cleanInline(text: string): string {
  return text.replace(/[`*]/g, '').trim();
}

/** "90", "90s", "5m", "1h" -> seconds; undefined when it is none of those. */
function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  const seconds = Math.round(Number(m[1]) * factor);
  return seconds > 0 ? seconds : undefined;
}

interface Fence {
  line: number;
  lang: string;
  content: string;
  /** 0-based [start, end) lines. */
  map: [number, number];
}

interface Section {
  line: number;
  title: string;
  /** 0-based [start, end) lines of the whole section, heading included. */
  range: [number, number];
  tokens: Token[];
}

interface StepMeta {
  annotationLine: number;
  choiceLines: number[];
  commandLines: Map<CommandSpec, number>;
  explicitId: boolean;
  /** A wait's `until: <check step id>`, resolved once every step is known. */
  untilRef?: string;
}

class Collector {
  readonly problems: LintProblem[] = [];
  constructor(readonly file: string) {}
  error(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'error', message });
  }
  warn(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'warning', message });
  }
}

// ── frontmatter ──────────────────────────────────────────────────────────

interface Frontmatter {
  data: z.infer<typeof frontmatterSchema>;
  present: boolean;
  /** Number of lines it occupies (0 when absent). */
  lines: number;
}

/** yaml's first message line, without its own (YAML-relative) position: ours is the file's. */
function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
}

function readFrontmatter(lines: string[], out: Collector): Frontmatter {
  if (lines[0]?.trimEnd() !== '---') return { data: {}, present: false, lines: 0 };
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close < 0) {
    out.error(
      1,
      'frontmatter starts with --- but has no closing --- line; add one after the last key',
    );
    return { data: {}, present: false, lines: 0 };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, close).join('\n'), { lineCounter });
  // Line n of the YAML text is line n+1 of the file (the opening ---).
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line + 1;
  if (doc.errors.length) {
    for (const e of doc.errors) {
      out.error(lineAt(e.pos[0]), `frontmatter is not valid YAML: ${yamlReason(e.message)}`);
    }
    return { data: {}, present: true, lines: close + 1 };
  }
  let raw: unknown;
  try {
    raw = doc.toJS() ?? {};
  } catch (error) {
    // yaml refuses alias bombs and the like here, after a clean parse.
    out.error(2, `frontmatter cannot be read: ${yamlReason((error as Error).message)}`);
    return { data: {}, present: true, lines: close + 1 };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    out.error(
      2,
      'frontmatter must be key: value lines (id, title, services, alerts, severity, contacts)',
    );
    return { data: {}, present: true, lines: close + 1 };
  }
  // The line of the key itself (a block value starts on the line after it).
  const keyLine = (key: string): number => {
    const pair = isMap(doc.contents)
      ? doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
      : undefined;
    const node = isScalar(pair?.key) ? pair.key : undefined;
    return lineAt(node?.range?.[0]);
  };
  for (const key of Object.keys(raw)) {
    if (!FRONTMATTER_KEYS.has(key)) {
      out.warn(
        keyLine(key),
        `unknown frontmatter key "${key}" is ignored (known: ${[...FRONTMATTER_KEYS].join(', ')})`,
      );
    }
  }
  const parsed = frontmatterSchema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, present: true, lines: close + 1 };
  // Keep the keys that are fine (a bad severity should not also lose the id).
  const good = Object.fromEntries(
    Object.entries(raw).filter(([k]) => !parsed.error.issues.some((i) => i.path[0] === k)),
  );
  const partial = frontmatterSchema.safeParse(good);
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    out.error(keyLine(key), `frontmatter ${key}: ${FRONTMATTER_HINTS[key] ?? issue.message}`);
  }
  return { data: partial.success ? partial.data : {}, present: true, lines: close + 1 };
}

// ── sections ─────────────────────────────────────────────────────────────

function splitSections(
  tokens: Token[],
  lineCount: number,
): { level: string; sections: Section[]; h1?: string; outside: Token[] } {
  const level = tokens.some((t) => t.type === 'heading_open' && t.level === 0 && t.tag === 'h2')
    ? 'h2'
    : 'h1';
  const sections: Section[] = [];
  const outside: Token[] = [];
  let h1: string | undefined;
  let current: Section | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'heading_open' && t.level === 0 && (t.tag === level || t.tag === 'h1')) {
      const text = cleanInline(tokens[i + 1]?.content ?? '');
      const start = t.map?.[0] ?? 0;
      if (current) current.range[1] = start;
      current = undefined;
      if (t.tag === level) {
        current = { line: start + 1, title: text, range: [start, lineCount], tokens: [] };
        sections.push(current);
      } else h1 ??= text;
      i += 2; // inline + heading_close
      continue;
    }
    if (current) current.tokens.push(t);
    else outside.push(t);
  }
  return { level, sections, ...(h1 !== undefined ? { h1 } : {}), outside };
}

function fencesOf(tokens: Token[]): Fence[] {
  return tokens
    .filter((t) => t.type === 'fence' && t.map)
    .map((t) => ({
      line: (t.map?.[0] ?? 0) + 1,
      lang: t.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '',
      content: t.content,
      map: t.map as [number, number],
    }));
}

function isAnnotation(t: Token): boolean {
  return t.type === 'html_block' && /^<!--\s*step\s*:/i.test(t.content.trim());
}

function checkFenceClosed(fence: Token, lines: string[], out: Collector): void {
  const [start, end] = fence.map ?? [0, 0];
  const last = lines[end - 1]?.trim() ?? '';
  const char = fence.markup[0] ?? '`';
  const closed =
    end - 1 > start && last.length >= fence.markup.length && [...last].every((c) => c === char);
  if (!closed) {
    out.warn(
      start + 1,
      `code block opened with ${fence.markup} is never closed; it runs to the end of the file`,
    );
  }
}

// ── annotations ──────────────────────────────────────────────────────────

type Annotation = Map<string, string>;
const IGNORED = '\0ignored';

function readAnnotation(t: Token, out: Collector): Annotation {
  const line = (t.map?.[0] ?? 0) + 1;
  const body = t.content
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->[\s\S]*$/, '')
    .replace(/\s+/g, ' ');
  const { words, error, quoted } = splitWords(body, { comments: false, marks: true });
  const result: Annotation = new Map();
  if (error) out.error(line, `step annotation: ${error}`);
  let key: string | undefined;
  let value: string[] = [];
  const flush = () => {
    if (key !== undefined && key !== IGNORED) {
      if (result.has(key)) out.error(line, `step annotation has "${key}:" twice`);
      result.set(key, value.join(' '));
    }
    value = [];
  };
  for (const [i, word] of words.entries()) {
    const m = quoted?.[i] ? null : /^([a-z][a-z-]*):(.*)$/i.exec(word);
    if (m && ALL_KEYS.has((m[1] ?? '').toLowerCase())) {
      flush();
      const name = (m[1] ?? '').toLowerCase();
      key = ALIASES[name] ?? name;
      if (m[2]) value.push(m[2]);
    } else if (m && !m[2] && /^[a-z-]+$/.test(m[1] ?? '')) {
      out.error(
        line,
        `unknown annotation key "${m[1]}:" (quote the value if it is text; keys: ${[...ALL_KEYS].join(', ')})`,
      );
      flush();
      key = IGNORED; // its value goes with it, reported once
    } else if (key === undefined) {
      out.error(line, `"${word}" in the step annotation belongs to no key; write key: value pairs`);
    } else value.push(word);
  }
  flush();
  return result;
}

// ── commands ─────────────────────────────────────────────────────────────

/** True when a `{{name}}` sits inside '…' or "…": it would then be quoted twice. */
function placeholderInQuotes(script: string): boolean {
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote && c === quote) quote = '';
    else if (!quote && (c === "'" || c === '"')) quote = c;
    else if (c === '\\' && quote !== "'") i++;
    else if (quote && script.startsWith('{{', i)) return true;
  }
  return false;
}

/** A fence as a command: argv (one plain line) or a script for `shell`; `auto` picks sh when needed. */
function commandOf(
  fence: Fence,
  mode: { shell?: string; auto: boolean },
  out: Collector,
): CommandSpec | undefined {
  let rawLines = fence.content.replace(/\n$/, '').split('\n');
  if (rawLines.some((l) => l.startsWith('$ '))) {
    rawLines = rawLines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
  }
  const script = rawLines.join('\n').trim();
  if (!script) {
    out.warn(fence.line, 'empty code block');
    return undefined;
  }
  if (mode.shell) {
    if (placeholderInQuotes(script)) {
      out.warn(
        fence.line,
        'a {{placeholder}} inside quotes: the value is quoted for you, write it bare',
      );
    }
    return { argv: [script], shell: mode.shell, source: script };
  }
  const logical: string[] = [];
  let pending = '';
  for (const l of rawLines) {
    if (l.trimEnd().endsWith('\\')) {
      pending += `${l.trimEnd().slice(0, -1)} `;
      continue;
    }
    const full = (pending + l).trim();
    pending = '';
    if (full && !full.startsWith('#')) logical.push(full);
  }
  if (pending.trim()) logical.push(pending.trim());
  const asScript = (): CommandSpec => ({ argv: [script], shell: 'sh', source: script });
  if (logical.length !== 1) {
    if (mode.auto) return asScript();
    out.error(
      fence.line,
      `code block has ${logical.length} commands but a step runs one: add \`shell: bash\` to the step annotation to run it as a script, or split it into steps`,
    );
    return undefined;
  }
  const source = logical[0] ?? '';
  const { words, shellSyntax, error } = splitWords(source);
  if (error) {
    if (mode.auto) return asScript();
    out.error(fence.line, `command: ${error}`);
    return undefined;
  }
  if (shellSyntax) {
    if (mode.auto) return asScript();
    out.error(
      fence.line,
      `command uses shell syntax (${shellSyntax}); add \`shell: bash\` to the step annotation, or write it as one plain command`,
    );
    return undefined;
  }
  return { argv: words, source };
}

// ── steps ────────────────────────────────────────────────────────────────

function bodyOf(lines: string[], section: Section, exclude: [number, number][]): string {
  const kept: string[] = [];
  for (let i = section.range[0] + 1; i < section.range[1]; i++) {
    if (exclude.some(([s, e]) => i >= s && i < e)) continue;
    kept.push(lines[i] ?? '');
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function choicesOf(
  tokens: Token[],
  out: Collector,
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

function buildStep(
  section: Section,
  lines: string[],
  format: { anyAnnotation: boolean },
  out: Collector,
): { step: Step; meta: StepMeta } {
  const annotations = section.tokens.filter(isAnnotation);
  for (const extra of annotations.slice(1)) {
    out.error(
      (extra.map?.[0] ?? 0) + 1,
      'a second step annotation in the same step; put one right under the heading',
    );
  }
  const annotationToken = annotations[0];
  const notes = annotationToken ? readAnnotation(annotationToken, out) : new Map<string, string>();
  const annotationLine = annotationToken ? (annotationToken.map?.[0] ?? 0) + 1 : section.line;
  const exclude: [number, number][] = annotations.flatMap((a) => (a.map ? [a.map] : []));

  const rawKind = (notes.get('kind') || 'manual').toLowerCase();
  let kind: StepKind = 'manual';
  if ((STEP_KINDS as readonly string[]).includes(rawKind)) kind = rawKind as StepKind;
  else
    out.error(
      annotationLine,
      `unknown step kind "${rawKind}"; use one of ${STEP_KINDS.join(', ')}`,
    );
  for (const key of notes.keys()) {
    if (!COMMON_KEYS.includes(key) && !KEYS_FOR[kind].includes(key)) {
      out.warn(annotationLine, `"${key}:" means nothing for a ${kind} step and is ignored`);
    }
  }

  const explicitId = notes.get('step');
  const id = explicitId || slugify(section.title) || `step-${section.line}`;
  if (!annotationToken && format.anyAnnotation) {
    out.warn(
      section.line,
      `step "${section.title}" has no annotation, so its id comes from the heading and renaming it breaks a resume; add <!-- step: ${id} -->`,
    );
  } else if (annotationToken && !explicitId) {
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
  // An annotated step says exactly how its commands run; a plain section (even in a
  // file with frontmatter, e.g. a Hugo page) offers its blocks, through sh if needed.
  const mode = { ...(shell ? { shell } : {}), auto: !annotationToken };
  const fences = fencesOf(section.tokens).filter((f) => COMMAND_LANGS.has(f.lang));
  const take = (fence: Fence): CommandSpec | undefined => {
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
      const [pollFence, ...rest] = fences;
      for (const f of rest)
        out.warn(f.line, 'a wait step polls only its first code block; this one is shown as text');
      const untilRef = notes.get('until');
      if (untilRef && pollFence) {
        out.error(pollFence.line, `wait step "${id}" has until: and a code block; keep one`);
      }
      if (untilRef) meta.untilRef = untilRef;
      const until = pollFence && !untilRef ? take(pollFence) : undefined;
      const secondsText = notes.get('seconds');
      let seconds = secondsText ? parseDuration(secondsText) : undefined;
      if (secondsText && seconds === undefined)
        out.error(annotationLine, `seconds: "${secondsText}" is not a duration (90, 90s, 5m)`);
      if (!secondsText && !pollFence && !untilRef) {
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
  if (step.kind === 'manual' && !step.body && !step.commands.length) {
    out.warn(section.line, `section "${section.title}" has no text and no commands`);
  }
  return { step, meta };
}

// ── whole-runbook checks ─────────────────────────────────────────────────

/** `until: check-health` polls that check step's command: written once, run by both. */
function resolveUntil(runbook: Runbook, metas: Map<Step, StepMeta>, out: Collector): void {
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

function checkSteps(runbook: Runbook, metas: Map<Step, StepMeta>, out: Collector): void {
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
  const out = new Collector(file);
  const hash = createHash('sha256').update(text).digest('hex');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = readFrontmatter(lines, out);
  // Blank out the frontmatter so markdown-it's line numbers are the file's.
  const markdown = [...lines.slice(0, fm.lines).map(() => ''), ...lines.slice(fm.lines)].join('\n');
  const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
  for (const t of tokens) if (t.type === 'fence') checkFenceClosed(t, lines, out);

  const { sections, h1, outside } = splitSections(tokens, lines.length);
  for (const t of outside.filter(isAnnotation)) {
    out.warn(
      (t.map?.[0] ?? 0) + 1,
      'step annotation before the first step heading is ignored; put it under a ## heading',
    );
  }
  const anyAnnotation = sections.some((s) => s.tokens.some(isAnnotation));
  const annotated = anyAnnotation;
  const unclosedFrontmatter = lines[0]?.trimEnd() === '---' && !fm.present;
  if (!fm.present && !unclosedFrontmatter) {
    out.warn(
      1,
      'no frontmatter: walked as plain Markdown (each section a manual step); add id, title, services, alerts to match it by alert or service',
    );
  }
  const fileId = basename(file, extname(file));
  const metas = new Map<Step, StepMeta>();
  const usedSlugs = new Set<string>();
  const steps = sections.map((section) => {
    const { step, meta } = buildStep(section, lines, { anyAnnotation }, out);
    if (!meta.explicitId) {
      // Two "## Mitigation" sections in a plain file: number the second, do not fail.
      let id = step.id;
      for (let n = 2; usedSlugs.has(id); n++) id = `${step.id}-${n}`;
      step.id = id;
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
