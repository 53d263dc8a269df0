// Placeholders in a command: what the responder must give before it runs.
//   <node-name>            angle brackets (a redirect to sh, so never run as written)
//   {{name}}               oncall's own variables (ask steps, incident facts)
//   $NAMESPACE ${NAMESPACE} a variable the script reads and never sets (asked only when unset)
//   YOUR_CLUSTER CHANGEME   the markers authors leave for "put yours here"
// Found through the shell parser: `<x>` and `{{x}}` are first masked by a plain
// word of the same length so the parser sees the command the author meant, then
// each occurrence is placed (bare, in "…", in '…', in a here-document). What is
// inside a comment is not a placeholder; `{{…}}` in quotes is a Go/Helm/Jinja
// template and is left alone in plain runbooks, as is a template anywhere
// (`{{ .Values.x }}`, `{{range .items}}`, `{{end}}`).

import { placeholderName } from './placeholder-name.js';
import type { ShNode } from './shell.js';
import { assignedNames, envReferences, quotingAt } from './shell-words.js';
import type { Placeholder, Quoting, Slot } from './types.js';
import { TEMPLATE_WORDS } from './vars.js';

const ANGLE = /<([A-Za-z][\w.:/-]*(?: [\w.:/-]+){0,6})>/g;
const BRACES = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
const MARKER = /\b(YOUR_[A-Z0-9_]*[A-Z0-9]|CHANGE_?ME|REPLACE_?ME)\b/g;
/** Variables a shell (or a login) always has: reading them is no placeholder. */
const SHELL_VARIABLES = new Set(
  'HOME PATH USER LOGNAME PWD OLDPWD SHELL TERM HOSTNAME HOSTTYPE UID EUID PPID RANDOM SECONDS LINENO IFS PS1 PS2 PS4 TMPDIR LANG LC_ALL EDITOR VISUAL PAGER OPTARG OPTIND REPLY PIPESTATUS BASHPID'.split(
    ' ',
  ),
);

interface Candidate {
  start: number;
  end: number;
  text: string;
  kind: Placeholder['kind'];
  name: string;
  variable?: string;
}

/**
 * The script with each `<x>` and `{{x}}` replaced by a word of the same length
 * (so positions do not move), and those candidates.
 */
export function maskPlaceholders(script: string): { masked: string; candidates: Candidate[] } {
  const candidates: Candidate[] = [];
  let masked = script;
  const mask = (m: RegExpMatchArray, kind: 'angle' | 'braces') => {
    const start = m.index ?? 0;
    const text = m[0];
    candidates.push({
      start,
      end: start + text.length,
      text,
      kind,
      name: placeholderName(m[1] ?? ''),
    });
    const word = `_q${candidates.length}`.padEnd(text.length, '_');
    masked = masked.slice(0, start) + word + masked.slice(start + text.length);
  };
  for (const m of script.matchAll(BRACES)) mask(m, 'braces');
  for (const m of script.matchAll(ANGLE)) {
    const overlaps = candidates.some(
      (c) => (m.index ?? 0) < c.end && c.start < (m.index ?? 0) + m[0].length,
    );
    if (!overlaps) mask(m, 'angle');
  }
  return { masked, candidates };
}

/** The quoted string (or word) around `offset`, to tell a template or markup from a placeholder. */
function enclosing(root: ShNode, offset: number): ShNode | undefined {
  let found: ShNode | undefined;
  let node: ShNode | undefined = root;
  while (node) {
    if (['string', 'raw_string', 'word', 'heredoc_body', 'concatenation'].includes(node.type))
      found ??= node;
    if (['string', 'raw_string'].includes(node.type)) found = node;
    node = node.children.find((c) => c.start <= offset && offset < c.end);
  }
  return found;
}

/** A `{{…}}` that is not a bare name sits in the same string: it is a template. */
function inTemplate(script: string, root: ShNode, candidate: Candidate): boolean {
  if (TEMPLATE_WORDS.has(candidate.name)) return true;
  const around = enclosing(root, candidate.start);
  const text = around ? script.slice(around.start, around.end) : candidate.text;
  const actions = text.match(/\{\{[^}]*\}\}/g) ?? [];
  return actions.some(
    (a) =>
      !/^\{\{\s*[A-Za-z_][\w-]*\s*\}\}$/.test(a) || TEMPLATE_WORDS.has(a.replace(/[{}\s]/g, '')),
  );
}

interface Found {
  placeholders: Placeholder[];
  /** Offsets into the script (argument 0). */
  slots: Slot[];
  /** Placeholders left alone, and why: lint says so. */
  ignored: string[];
}

interface FindOptions {
  /** Plain Markdown: `{{x}}` inside quotes is someone else's template. */
  plain: boolean;
}

function keep(found: Found, c: Candidate, quoting: Quoting): void {
  if (!found.placeholders.some((p) => p.name === c.name)) {
    found.placeholders.push({
      name: c.name,
      text: c.text,
      kind: c.kind,
      ...(c.variable ? { variable: c.variable } : {}),
    });
  }
  found.slots.push({ arg: 0, start: c.start, end: c.end, name: c.name, quoting });
}

/** Every placeholder of a parsed script (`root` parsed from `masked`), in order of appearance. */
export function findPlaceholders(
  script: string,
  masked: string,
  root: ShNode,
  candidates: Candidate[],
  options: FindOptions,
): Found {
  const found: Found = { placeholders: [], slots: [], ignored: [] };
  const all = [...candidates, ...markers(script, masked, root), ...envCandidates(masked, root)];
  all.sort((a, b) => a.start - b.start);
  for (const c of all) {
    const quoting = quotingAt(root, masked, c.start);
    if (quoting === 'comment') continue;
    if (quoting === 'literal') {
      found.ignored.push(
        `${c.text} is in a quoted here-document, where no value can go; it stays as written`,
      );
      continue;
    }
    if (
      c.kind === 'braces' &&
      (inTemplate(script, root, c) || (options.plain && quoting !== 'none'))
    )
      continue;
    if (c.kind === 'angle' && quoting === 'single') {
      const around = enclosing(root, c.start);
      if (around && script.slice(around.start, around.end).includes('</')) continue; // markup
    }
    keep(found, c, quoting);
  }
  return found;
}

/** `YOUR_X` and `CHANGEME` in words, strings and here-documents (not in variable names). */
function markers(script: string, masked: string, root: ShNode): Candidate[] {
  const out: Candidate[] = [];
  for (const m of masked.matchAll(MARKER)) {
    const start = m.index ?? 0;
    const before = masked[start - 1] ?? '';
    if (before === '$' || before === '{') continue; // $YOUR_TOKEN is a variable, found below
    if (quotingAt(root, masked, start) === 'comment') continue;
    const text = script.slice(start, start + m[0].length);
    out.push({
      start,
      end: start + text.length,
      text,
      kind: 'marker',
      name: placeholderName(text),
    });
  }
  return out;
}

/** Variables read and never set by the script itself, nor given a default. */
function envCandidates(masked: string, root: ShNode): Candidate[] {
  const assigned = assignedNames(root, masked);
  return envReferences(root, masked)
    .filter((r) => !r.hasDefault && !assigned.has(r.variable) && !SHELL_VARIABLES.has(r.variable))
    .filter((r) => /^[A-Za-z_]\w*$/.test(r.variable) && r.plain)
    .map((r) => ({
      start: r.start,
      end: r.end,
      text: masked.slice(r.start, r.end),
      kind: 'env' as const,
      name: placeholderName(r.variable),
      variable: r.variable,
    }));
}
