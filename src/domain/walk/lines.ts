// A command of several lines, as the walk runs it: statement by statement, in
// one shell, stopping at the first that fails, so that a `cd` that fails never
// lets `terraform destroy` run in the wrong folder. The statements are the
// ones a shell reads (tree-sitter's bash grammar): a `for` loop, a function
// definition or a here-document is one statement over several lines; `a; b`
// is two on one line.
//
// The opt-outs are the shell's own: `cmd || true` is a statement that does not
// fail, and `set +e` lets every statement after it fail and the block go on
// (`set -e` stops on failure again), as the author of a script would expect.
import { hasError, parseShell, type ShNode } from '../runbook/shell.js';

export interface ScriptLine {
  /** The statement as written (a trailing `&` kept). */
  text: string;
  /** The line of the script it starts on, from 1. */
  line: number;
  /** Whether its failure stops the block (not after `set +e`). */
  stops: boolean;
}

/** Whether a `set` statement turns "stop at a failure" on or off, else undefined. */
function errexit(text: string): boolean | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0] !== 'set') return undefined;
  let verdict: boolean | undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? '';
    const on = word.startsWith('-');
    if (!on && !word.startsWith('+')) continue;
    if (/^[-+]o$/.test(word) && words[i + 1] === 'errexit') verdict = on;
    else if (/^[-+][a-z]*e[a-z]*$/.test(word)) verdict = on;
  }
  return verdict;
}

function lineOf(script: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (script.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The script's statements, in order. A script the parser cannot read whole is
 * one statement (it runs as written; the shell says what is wrong).
 */
export function scriptLines(script: string): ScriptLine[] {
  const root = parseShell(script);
  const whole = [{ text: script, line: 1, stops: true }];
  if (hasError(root)) return whole;
  const lines: ScriptLine[] = [];
  let stops = true;
  root.children.forEach((node: ShNode, i) => {
    if (!node.named || node.type === 'comment') return;
    const background = root.children[i + 1]?.type === '&';
    const text = script.slice(node.start, node.end) + (background ? ' &' : '');
    lines.push({ text, line: lineOf(script, node.start), stops });
    stops = errexit(text) ?? stops;
  });
  return lines.length ? lines : whole;
}

/**
 * Builtins that only mean something inside a shell (`cd`, `export`, `source`…):
 * a command that is one of them runs in the walk's shell even when it needs no
 * shell to be read, so what it changes is carried to the next command.
 */
const SHELL_BUILTINS = new Set(
  'cd pushd popd export unset set source . alias unalias umask ulimit shopt trap readonly declare typeset local eval hash read shift getopts let'.split(
    ' ',
  ),
);

export function runsInShell(program: string | undefined): boolean {
  return program !== undefined && SHELL_BUILTINS.has(program);
}
