// Screens a person reads (the walk, status, bare `oncall`, start) fitted to the
// terminal they are read on. Only a terminal: piped into grep or a file, lines
// stay whole, so a script never finds a path or an id broken in two. Apart from
// ui/output so that `oncall note`, which prints one short line, never loads the
// wrapping code.
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { fitWidth, wrapLine } from '../../domain/text/wrap.js';
import { println } from '../../infra/console/output.js';

/**
 * The width to fit to: the terminal's, read each time (it may be resized), 80
 * when a terminal does not say; no limit when the output is not a terminal.
 */
export function screenWidth(ctx: Context): number {
  return ctx.stdout.isTTY ? fitWidth(ctx.stdout.columns) : Number.POSITIVE_INFINITY;
}

/** Prints `line` wrapped to the screen's width (see text/wrap). Data in it must be safe already. */
export function printFitted(ctx: Context, line = ''): void {
  for (const row of wrapLine(line, screenWidth(ctx))) println(ctx, row);
}

/**
 * Writes lines to stderr (what a command says about what it did), each made
 * safe and, on a terminal, wrapped between words to its width: "Escalation to
 * … recorded at 03:14. Not sent (--no-send)." is never broken mid-word.
 */
export function sayFitted(ctx: Context, lines: readonly string[]): void {
  const width = ctx.stderr.isTTY ? fitWidth(ctx.stderr.columns) : Number.POSITIVE_INFINITY;
  for (const line of lines)
    for (const row of wrapLine(safeLine(line), width)) ctx.stderr.write(`${row}\n`);
}
