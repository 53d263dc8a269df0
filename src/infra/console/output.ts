// Plain output helpers shared by commands: one line per fact, warnings on stderr.
// A warning is one line we do not colour, so it is made safe here as a whole
// (a damaged line's reason may quote the file).
import type { Context } from '../../context.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import type { Damage } from '../store/log.js';

export function println(ctx: Context, line = ''): void {
  ctx.stdout.write(`${line}\n`);
}

export function warn(ctx: Context, line: string): void {
  ctx.stderr.write(`warning: ${safeLine(line)}\n`);
}

/** One warning per damaged line (at most five, then a count); reading goes on. */
export function warnDamage(ctx: Context, damaged: readonly Damage[]): void {
  for (const d of damaged.slice(0, 5)) {
    warn(ctx, `${d.file}:${d.line}: ${d.reason}; skipped (the line is kept in the file)`);
  }
  if (damaged.length > 5) warn(ctx, `${damaged.length - 5} more damaged lines skipped`);
}

export function printJson(ctx: Context, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
