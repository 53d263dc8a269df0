// How a fenced code block becomes a command. Which blocks count (by language),
// what in them is a command (`$ ` prompts in a console transcript), and whether
// it runs as one argv without a shell or as a script: kept in one module so
// the rules for a runbook's commands are read in one place.
import type { ProblemCollector } from './problems.js';
import { effectOf } from './script.js';
import { type CodeBlock, codeBlocksOf, type Token } from './sections.js';
import type { CommandSpec } from './types.js';
import { splitWords } from './words.js';

const COMMAND_LANGS = new Set(['', 'sh', 'shell', 'bash', 'zsh', 'console', 'shell-session']);

/** The code blocks that hold commands: no language, sh, shell, bash, zsh or console. */
export function commandBlocksOf(tokens: Token[]): CodeBlock[] {
  return codeBlocksOf(tokens).filter((block) => COMMAND_LANGS.has(block.lang));
}

/**
 * How an annotated step reads its block. `shell`: the whole block is a script
 * for that shell; otherwise it must be one plain command (argv, no shell).
 * (Plain Markdown is read by block.ts and script.ts, with the shell parser.)
 */
export interface ReadMode {
  shell?: string;
}

/** A block as a command; undefined (and the reason reported) when it cannot be one. */
export function commandOf(
  block: CodeBlock,
  mode: ReadMode,
  out: ProblemCollector,
): CommandSpec | undefined {
  const typed = typedLines(block.content);
  const script = typed.join('\n').trim();
  if (!script) {
    out.warn(block.line, 'empty code block');
    return undefined;
  }
  if (mode.shell) {
    if (placeholderInQuotes(script)) {
      out.warn(
        block.line,
        'a {{placeholder}} inside quotes: the value is quoted for you, write it bare',
      );
    }
    return { argv: [script], shell: mode.shell, source: script, ...effectOf(script) };
  }
  const logical = logicalLines(typed);
  if (logical.length !== 1) {
    out.error(
      block.line,
      `code block has ${logical.length} commands but a step runs one: add \`shell: bash\` to the step annotation to run it as a script, or split it into steps`,
    );
    return undefined;
  }
  const source = logical[0] ?? '';
  const { words, shellSyntax, error } = splitWords(source);
  if (error || shellSyntax) {
    out.error(
      block.line,
      error
        ? `command: ${error}`
        : `command uses shell syntax (${shellSyntax}); add \`shell: bash\` to the step annotation, or write it as one plain command`,
    );
    return undefined;
  }
  return { argv: words, source, ...effectOf(source) };
}

/** The lines someone would type: in a console transcript only the `$ ` lines, prompt removed. */
function typedLines(content: string): string[] {
  const lines = content.replace(/\n$/, '').split('\n');
  if (!lines.some((l) => l.startsWith('$ '))) return lines;
  return lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
}

/** Commands as sh would see them: `\` continuations joined, blank and `#` comment lines dropped. */
function logicalLines(lines: string[]): string[] {
  const logical: string[] = [];
  let pending = '';
  for (const l of lines) {
    if (l.trimEnd().endsWith('\\')) {
      pending += `${l.trimEnd().slice(0, -1)} `;
      continue;
    }
    const full = (pending + l).trim();
    pending = '';
    if (full && !full.startsWith('#')) logical.push(full);
  }
  if (pending.trim()) logical.push(pending.trim());
  return logical;
}

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
