// Small enough to read in one sitting: no source file over 400 lines, no
// function over 80. Counted on a TypeScript parser's syntax tree (oxc's), so a
// function is what the language says it is (declarations, methods, accessors,
// constructors, arrows with a body), measured from its first modifier or name
// to its closing brace.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

const SRC = join(ROOT, 'src');
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A syntax tree's node as the parser gives it: a type, a span, its children among its fields. */
interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
/** Nodes whose function value is measured from the member's start, named by its key. */
const MEMBERS = new Set(['MethodDefinition', 'Property', 'TSAbstractMethodDefinition']);

function isNode(value: unknown): value is SyntaxNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as SyntaxNode).type === 'string'
  );
}

function nameOf(node: SyntaxNode | undefined, text: string): string {
  return node ? text.slice(node.start, node.end) : '(anonymous)';
}

/** Each function with a body: where it starts, where it ends and what it is called. */
function functionsIn(program: SyntaxNode, text: string) {
  const found: { start: number; end: number; name: string }[] = [];
  const visit = (node: SyntaxNode): void => {
    const value = node.value;
    if (MEMBERS.has(node.type) && isNode(value) && FUNCTIONS.has(value.type)) {
      if (value.body)
        found.push({
          start: node.start,
          end: node.end,
          name: nameOf(node.key as SyntaxNode, text),
        });
      visitChildren(value);
      visitChildren(node, value);
      return;
    }
    if (FUNCTIONS.has(node.type) && node.body)
      found.push({
        start: node.start,
        end: node.end,
        name: nameOf(node.id as SyntaxNode | undefined, text),
      });
    visitChildren(node);
  };
  const visitChildren = (node: SyntaxNode, skip?: SyntaxNode): void => {
    for (const field of Object.values(node)) {
      if (field === skip) continue;
      if (Array.isArray(field)) for (const item of field) if (isNode(item)) visit(item);
      if (isNode(field)) visit(field);
    }
  };
  visit(program);
  return found;
}

function longFunctions(file: string, text: string): string[] {
  const { program, errors } = parseSync(file, text);
  expect(errors, relative(ROOT, file)).toEqual([]);
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
    lineStarts.push(at + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  return functionsIn(program as unknown as SyntaxNode, text)
    .map(({ start, end, name }) => ({ start, name, lines: lineOf(end) - lineOf(start) + 1 }))
    .filter(({ lines }) => lines > MAX_FUNCTION_LINES)
    .map(
      ({ start, name, lines }) =>
        `${relative(ROOT, file)}:${lineOf(start) + 1} ${name}: ${lines} lines`,
    );
}

describe('the size of src/', () => {
  const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map(({ file, text }) => ({ file, lines: text.split('\n').length }))
      .filter(({ lines }) => lines > MAX_FILE_LINES)
      .map(({ file, lines }) => `${relative(ROOT, file)}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(({ file, text }) => longFunctions(file, text))).toEqual([]);
  });

  it('reads every source file (the walk found the tree)', () => {
    expect(files.length).toBeGreaterThan(50);
  });
});
