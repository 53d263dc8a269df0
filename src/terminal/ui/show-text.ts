// The texts people are sent (an escalation, a handoff, an update) as the
// responder sees them printed: on a terminal, rendered (bold, bullets, code
// without backticks) and wrapped between words to its width, whatever the
// width; into a pipe or a file, the Markdown as it is, ready to paste.

import type { Context } from '../../context.js';
import { markdownForTerminal, type TerminalStyles } from '../../domain/text/markdown-terminal.js';
import { println } from '../../infra/console/output.js';
import { chalk } from './colour.js';
import { screenWidth } from './fitted.js';

const STYLES: TerminalStyles = {
  bold: (t) => chalk.bold(t),
  code: (t) => chalk.cyan(t),
  dim: (t) => chalk.dim(t),
  italic: (t) => chalk.italic(t),
};

/** The rendered rows of `markdown` for this terminal, each at most its width. */
export function terminalRows(ctx: Context, markdown: string): string[] {
  return markdownForTerminal(markdown, screenWidth(ctx), STYLES);
}

/** Prints a text: rendered on a terminal, the Markdown itself anywhere else. */
export function showText(ctx: Context, markdown: string): void {
  if (!ctx.stdout.isTTY) {
    ctx.stdout.write(markdown);
    return;
  }
  for (const row of terminalRows(ctx, markdown)) println(ctx, row);
}
