// The shell parser: tree-sitter's bash grammar, run by web-tree-sitter as
// WebAssembly (the grammar's .wasm comes prebuilt from @vscode/tree-sitter-wasm,
// the VS Code team's build: no install script, no compiler), so a runbook's command ends where a shell
// would end it: continuation lines, quotes over several lines, here-documents,
// `&&` and `|` chains, comments.
//
// Why this parser: it is maintained by the tree-sitter project, runs on Node 20
// offline from node_modules (no native build), gives every node a type and an
// exact range (a placeholder's quoting context comes from it), and recovers
// from errors instead of refusing, which is how an unfinished command or a line
// of output is told apart. sh-syntax (mvdan/sh as WASM) returns its syntax tree
// as JSON without node types and takes tens of milliseconds per call; mvdan-sh
// is deprecated by its author.
//
// Why a top-level await: compiling the WebAssembly is asynchronous, reading a
// runbook is not (and has many synchronous callers). The parser is compiled
// once, when this module is first imported; every command that reads runbooks
// imports it lazily, so `oncall note` and `--help` never load it.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { scanHeredocs, withoutHeredocBodies } from './heredocs.js';

const resolveFrom = createRequire(import.meta.url);

// V8's baseline WebAssembly code (Liftoff) only: the parses are small, and the
// optimising tier's background job for the grammar's lexer (one function of
// 160 KB: half a second and 700 MB of compiler memory) held the process open
// after the command was done, as Node waits for it on exit. A tiering budget no
// command's parses spend says so on every Node: `--liftoff-only`, used before,
// no longer does when set at run time on Node 24 (V8 13.6), where one parse
// started that job. Test: test/e2e/build/wasm-tier.test.ts.
setFlagsFromString('--wasm-tiering-budget=2000000000');
await Parser.init();
// A path: web-tree-sitter reads the grammar's file itself.
const bash = await Language.load(
  resolveFrom.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-bash.wasm'),
);
const parser = new Parser();
parser.setLanguage(bash);

/** A node of the syntax tree, copied out of the parser's memory. */
export interface ShNode {
  type: string;
  /** [start, end) in the parsed text (JavaScript string indices). */
  start: number;
  end: number;
  /** Named nodes are grammar rules (command, word); unnamed ones are tokens (`|`, `"`). */
  named: boolean;
  /** The field this node fills in its parent (`name`, `argument`, `value`...). */
  field?: string;
  /** An ERROR node, or a token the parser had to invent (MISSING). */
  error: boolean;
  children: ShNode[];
}

function copy(cursor: TreeCursor): ShNode {
  const node = cursor.currentNode;
  const field = cursor.currentFieldName;
  const out: ShNode = {
    type: node.type,
    start: node.startIndex,
    end: node.endIndex,
    named: node.isNamed,
    error: node.type === 'ERROR' || node.isMissing,
    children: [],
    ...(field ? { field } : {}),
  };
  if (cursor.gotoFirstChild()) {
    do out.children.push(copy(cursor));
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return out;
}

/** Parses a script as bash; never throws (errors become ERROR nodes). */
export function parseShell(text: string): ShNode {
  const tree = parser.parse(text);
  if (!tree) throw new Error('the shell parser returned no tree');
  try {
    return copy(tree.walk());
  } finally {
    tree.delete();
  }
}

/** Every node below `node` (itself included), depth first. */
export function* descendants(node: ShNode): Generator<ShNode> {
  yield node;
  for (const child of node.children) yield* descendants(child);
}

export function hasError(node: ShNode): boolean {
  for (const n of descendants(node)) if (n.error) return true;
  return false;
}

/**
 * The script is unfinished: a here-document without its end line (found
 * lexically, heredocs.ts), or the parser's error reaches its very end (an open
 * quote, a trailing `\` or `|`). A command with an error in its middle is
 * finished, only wrong.
 */
export function wantsMore(text: string): boolean {
  const heredocs = scanHeredocs(text);
  if (heredocs.open) return true;
  const structure = heredocs.bodyLines.size ? withoutHeredocBodies(text) : text;
  const root = parseShell(structure);
  const end = structure.trimEnd().length;
  for (const n of descendants(root)) if (n.error && n.end >= end) return true;
  return false;
}

/** The top-level statements (comments excluded), in order. */
export function statementsOf(root: ShNode): ShNode[] {
  return root.children.filter((n) => n.named && n.type !== 'comment');
}
