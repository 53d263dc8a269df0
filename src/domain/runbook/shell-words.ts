// Questions about a parsed script (shell.ts): where a position is quoted,
// which variables it reads and which it sets itself, whether it is one plain
// command that can run as an argument vector without a shell, and the words of
// each command (for the classifier in state.ts). Pure: syntax tree in.
import { descendants, type ShNode, statementsOf } from './shell.js';
import type { Quoting } from './types.js';

/** The innermost nodes containing `offset`, outermost first. */
function pathTo(root: ShNode, offset: number): ShNode[] {
  const path: ShNode[] = [];
  let node: ShNode | undefined = root;
  while (node) {
    path.push(node);
    node = node.children.find((c) => c.start <= offset && offset < c.end);
  }
  return path;
}

/**
 * How the text at `offset` is quoted, or `comment` / `literal` (a here-document
 * whose delimiter is quoted: nothing in it expands) when a value cannot go there.
 */
export function quotingAt(
  root: ShNode,
  text: string,
  offset: number,
): Quoting | 'comment' | 'literal' {
  const path = pathTo(root, offset);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i] as ShNode;
    switch (node.type) {
      case 'comment':
        return 'comment';
      case 'raw_string':
      case 'ansi_c_string':
        return 'single';
      case 'string':
      case 'translated_string':
        return 'double';
      case 'heredoc_body': {
        const redirect = path[i - 1];
        const start = redirect?.children.find((c) => c.type === 'heredoc_start');
        const delimiter = start ? text.slice(start.start, start.end) : '';
        return /['"\\]/.test(delimiter) ? 'literal' : 'heredoc';
      }
      default:
        break;
    }
  }
  return 'none';
}

const SETTERS = new Set([
  'read',
  'export',
  'local',
  'declare',
  'typeset',
  'readonly',
  'mapfile',
  'readarray',
]);

/** Names the script gives a value itself (assignments, loops, `read`): not placeholders. */
export function assignedNames(root: ShNode, text: string): Set<string> {
  const names = new Set<string>();
  const slice = (n: ShNode) => text.slice(n.start, n.end);
  for (const node of descendants(root)) {
    if (node.type === 'variable_assignment' || node.type === 'for_statement') {
      const name = node.children.find((c) => c.type === 'variable_name');
      if (name) names.add(slice(name));
    }
    if (node.type === 'command' || node.type === 'declaration_command') {
      const words = node.children.map(slice);
      const program = node.type === 'declaration_command' ? words[0] : words[0];
      if (!program || !SETTERS.has(program)) continue;
      for (const word of words.slice(1)) {
        const name = /^([A-Za-z_]\w*)(=|$)/.exec(word)?.[1];
        if (name) names.add(name);
      }
    }
  }
  return names;
}

/** A `$NAME` or `${NAME}` the script reads (no default, no operation on it). */
interface EnvReference {
  variable: string;
  start: number;
  end: number;
  /** `${NAME:-x}` and the like give their own value when NAME is unset. */
  hasDefault: boolean;
  /** `${NAME?}`, `${NAME:?message}`: the shell stops when NAME is unset; a value is needed. */
  required: boolean;
  /** `$NAME` or `${NAME}` exactly: a slot a value can replace. */
  plain: boolean;
}

export function envReferences(root: ShNode, text: string): EnvReference[] {
  const refs: EnvReference[] = [];
  for (const node of descendants(root)) {
    if (node.type !== 'simple_expansion' && node.type !== 'expansion') continue;
    const name = node.children.find((c) => c.type === 'variable_name');
    if (!name) continue;
    const whole = text.slice(node.start, node.end);
    const variable = text.slice(name.start, name.end);
    refs.push({
      variable,
      start: node.start,
      end: node.end,
      hasDefault: /^\$\{[A-Za-z_]\w*:?[-=+?]/.test(whole),
      required: /^\$\{[A-Za-z_]\w*:?\?[^}]*\}$/.test(whole),
      plain: whole === `$${variable}` || whole === `\${${variable}}`,
    });
  }
  return refs;
}

const WORDLIKE = new Set([
  'word',
  'number',
  'raw_string',
  'string',
  'concatenation',
  'command_name',
]);

/** A word's text without its quotes, as the program would receive it. */
function unquote(node: ShNode, text: string): string | undefined {
  const raw = text.slice(node.start, node.end);
  switch (node.type) {
    case 'word':
    case 'number':
      return raw.replace(/\\(.)/gs, '$1');
    case 'raw_string':
      return raw.slice(1, -1);
    case 'string':
      if (node.children.some((c) => c.named && c.type !== 'string_content')) return undefined;
      return raw.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
    case 'concatenation':
    case 'command_name': {
      let out = '';
      for (const child of node.children) {
        const part = unquote(child, text);
        if (part === undefined) return undefined;
        out += part;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * The argument vector when the whole script is one plain command (words and
 * quotes only: no pipe, redirect, expansion or assignment), so it can run
 * without a shell; undefined otherwise.
 */
export function plainArgv(root: ShNode, text: string): string[] | undefined {
  const statements = statementsOf(root);
  const [command] = statements;
  if (statements.length !== 1 || !command || command.type !== 'command') return undefined;
  const argv: string[] = [];
  for (const child of command.children) {
    if (!child.named) return undefined;
    if (!WORDLIKE.has(child.type)) return undefined;
    const word = unquote(child, text);
    if (word === undefined) return undefined;
    argv.push(word);
  }
  return argv.length ? argv : undefined;
}

/** Constructs only bash has: a script using them runs with bash, not sh. */
const BASH_ONLY = new Set([
  'process_substitution',
  'ansi_c_string',
  'array',
  'herestring_redirect',
  'c_style_for_statement',
  'brace_expression',
  'translated_string',
]);

export function needsBash(root: ShNode, text: string): boolean {
  for (const node of descendants(root)) {
    if (BASH_ONLY.has(node.type)) return true;
    if (node.type === 'test_command' && text.startsWith('[[', node.start)) return true;
  }
  return false;
}

/** Every simple command's words (quotes removed where plain), outer commands first. */
export function commandWords(root: ShNode, text: string): string[][] {
  const commands: string[][] = [];
  for (const node of descendants(root)) {
    if (node.type !== 'command') continue;
    const words = node.children
      .filter((c) => c.named && c.type !== 'variable_assignment' && !c.type.endsWith('redirect'))
      .map((c) => unquote(c, text) ?? text.slice(c.start, c.end));
    if (words.length) commands.push(words);
  }
  return commands;
}

/** Output redirections to a file (not /dev/null, not another descriptor): the command writes. */
export function writesFiles(root: ShNode, text: string): boolean {
  for (const node of descendants(root)) {
    if (node.type !== 'file_redirect') continue;
    const op = node.children.find((c) => !c.named);
    const target = node.children.find((c) => c.named && c.type !== 'file_descriptor');
    const opText = op ? text.slice(op.start, op.end) : '';
    const targetText = target ? text.slice(target.start, target.end) : '';
    if (
      />/.test(opText) &&
      !opText.includes('&') &&
      !/^\/dev\/(null|stdout|stderr)$/.test(targetText)
    ) {
      return true;
    }
  }
  return false;
}
