// Placeholders in a command: what the responder must give before it runs.
//   <node-name> <end time: like 2026-01-01T00:00Z> <<APP>>  angle brackets
//   {{name}} {service-plan} ${db-name}                      braces
//   [db-host] acct-[env]-admin                              square brackets
//   $NAMESPACE ${NAMESPACE} ${NAMESPACE?}  a variable the script reads and never sets (asked only when unset)
//   YOUR_CLUSTER your-registry CHANGEME XXXXXXXX ip-XX-XX   the markers authors leave for "put yours here"
// Found through the shell parser: each shape (placeholder-shapes.ts) is first
// masked by a plain word of the same length so the parser sees the command the
// author meant, then each occurrence is placed (bare, in "…", in '…', in a
// here-document). What is inside a comment is not a placeholder; `{{…}}` (and
// `{x}`) in quotes is a Go/Helm/Jinja template or a format string and is left
// alone in plain runbooks, as is a template anywhere (`{{ .Values.x }}`,
// `{{range .items}}`, `{{end}}`); `[x]` and `{x}` in '…' are jq, awk or jsonpath.

import { placeholderName } from './placeholder-name.js';
import { type Candidate, shapesIn } from './placeholder-shapes.js';
import type { ShNode } from './shell.js';
import { assignedNames, envReferences, quotingAt } from './shell-words.js';
import type { Placeholder, Quoting, Slot } from './types.js';
import { TEMPLATE_WORDS } from './vars.js';

/** Variables a shell (or a login) always has: reading them is no placeholder. */
const SHELL_VARIABLES = new Set(
  'HOME PATH USER LOGNAME PWD OLDPWD SHELL TERM HOSTNAME HOSTTYPE UID EUID PPID RANDOM SECONDS LINENO IFS PS1 PS2 PS4 TMPDIR LANG LC_ALL EDITOR VISUAL PAGER OPTARG OPTIND REPLY PIPESTATUS BASHPID'.split(
    ' ',
  ),
);

/**
 * The script with each placeholder-shaped text replaced by a plain word of the
 * same length (so positions do not move), and those candidates.
 */
export function maskPlaceholders(
  script: string,
  examples: readonly string[] = [],
): { masked: string; candidates: Candidate[] } {
  const candidates = shapesIn(script, examples);
  let masked = script;
  candidates.forEach((c, i) => {
    const length = c.end - c.start;
    const word = `_q${(i + 1).toString(36)}`.slice(0, length).padEnd(length, '_');
    masked = masked.slice(0, c.start) + word + masked.slice(c.end);
  });
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
  /** What lint should say about a placeholder it asks (`${db-name}` is not what bash reads). */
  notes: string[];
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
      ...(c.example ? { example: c.example } : {}),
    });
    if (c.note) found.notes.push(c.note);
  }
  found.slots.push({ arg: 0, start: c.start, end: c.end, name: c.name, quoting });
}

/** Programs whose arguments are patterns: brackets there are character classes. */
const PATTERN_PROGRAMS = new Set('grep egrep fgrep zgrep rg ag sed awk gawk tr jq yq'.split(' '));

/** The name of the simple command around `offset` ('' when none). */
function programAt(root: ShNode, text: string, offset: number): string {
  let name = '';
  let node: ShNode | undefined = root;
  while (node) {
    const command =
      node.type === 'command' ? node.children.find((c) => c.field === 'name') : undefined;
    if (command) name = text.slice(command.start, command.end);
    node = node.children.find((c) => c.start <= offset && offset < c.end);
  }
  return name.split('/').pop() ?? name;
}

/** A candidate the place it stands in makes something else: a template, markup, jq or awk. */
function leftAlone(
  script: string,
  root: ShNode,
  c: Candidate,
  quoting: Quoting,
  options: FindOptions,
): boolean {
  const braced = c.kind === 'braces' && c.text.startsWith('{');
  if (braced && (inTemplate(script, root, c) || (options.plain && quoting !== 'none'))) return true;
  // `[x]` in quotes or in a pattern (grep "[ERROR]", sed, awk, jq) is a character class.
  if (
    c.kind === 'square' &&
    (quoting !== 'none' || PATTERN_PROGRAMS.has(programAt(root, script, c.start)))
  )
    return true;
  if (quoting !== 'single') return false;
  if (braced) return true;
  const around = enclosing(root, c.start);
  return (
    c.kind === 'angle' && Boolean(around && script.slice(around.start, around.end).includes('</'))
  );
}

/** Every placeholder of a parsed script (`root` parsed from `masked`), in order of appearance. */
export function findPlaceholders(
  script: string,
  masked: string,
  root: ShNode,
  candidates: Candidate[],
  options: FindOptions,
): Found {
  const found: Found = { placeholders: [], slots: [], ignored: [], notes: [] };
  const all = [...candidates, ...envCandidates(masked, root)];
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
    if (!leftAlone(script, root, c, quoting, options)) keep(found, c, quoting);
  }
  return found;
}

/** Variables read and never set by the script itself, nor given a default (`${X?}` is required: asked). */
function envCandidates(masked: string, root: ShNode): Candidate[] {
  const assigned = assignedNames(root, masked);
  return envReferences(root, masked)
    .filter((r) => r.required || (!r.hasDefault && r.plain))
    .filter((r) => !assigned.has(r.variable) && !SHELL_VARIABLES.has(r.variable))
    .filter((r) => /^[A-Za-z_]\w*$/.test(r.variable))
    .map((r) => ({
      start: r.start,
      end: r.end,
      text: masked.slice(r.start, r.end),
      kind: 'env' as const,
      name: placeholderName(r.variable),
      variable: r.variable,
    }));
}
