// Screens a person reads (the walk, status, bare `oncall`) fitted to the
// terminal they are read on. Apart from ui/output so that `oncall note`, which
// prints one short line, never loads the wrapping code.
import type { Context } from '../context.js';
import { fitWidth, wrapLine } from '../text/wrap.js';
import { println } from './output.js';

/** The width to fit to: the terminal's, read each time (it may be resized), 80 when unknown. */
export function screenWidth(ctx: Context): number {
  return fitWidth(ctx.stdout.columns);
}

/** Prints `line` wrapped to the screen's width (see text/wrap). Data in it must be safe already. */
export function printFitted(ctx: Context, line = ''): void {
  for (const row of wrapLine(line, screenWidth(ctx))) println(ctx, row);
}
