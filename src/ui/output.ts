// Plain output helpers shared by commands: one line per fact, warnings on stderr.
// Long outputs (a night's timeline, an export) go out in pieces as they are
// made, batched into few writes, waiting when a pipe's reader falls behind.
// A warning is one line we do not colour, so it is made safe here as a whole
// (a damaged line's reason may quote the file).
import type { Context, Output } from '../context.js';
import type { Damage } from '../store/log.js';
import { jsonPieces } from '../text/json.js';
import { safeLine } from '../text/terminal-safe.js';

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

/** About this many characters go out in one write. */
const BATCH = 64 * 1024;

/** A stream that can say when a full buffer has drained (process.stdout can). */
function canDrain(out: Output): out is Output & { once(event: 'drain', f: () => void): unknown } {
  return typeof (out as { once?: unknown }).once === 'function';
}

/** Writes `pieces` to stdout in batches, waiting for a full pipe to drain. */
export async function writePieces(ctx: Context, pieces: Iterable<string>): Promise<void> {
  const out = ctx.stdout;
  let batch = '';
  const flush = async () => {
    const written = out.write(batch);
    batch = '';
    if (written === false && canDrain(out))
      await new Promise<void>((done) => out.once('drain', () => done()));
  };
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= BATCH) await flush();
  }
  if (batch) await flush();
}

/** Writes lines, each ended by a newline, in batches. */
export function printLines(ctx: Context, lines: Iterable<string>): Promise<void> {
  return writePieces(
    ctx,
    (function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
  );
}

/** printJson for long values: the same text, written as it is made. */
export function streamJson(ctx: Context, value: unknown): Promise<void> {
  return writePieces(
    ctx,
    (function* () {
      yield* jsonPieces(value);
      yield '\n';
    })(),
  );
}
