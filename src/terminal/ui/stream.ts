// Long outputs (a night's timeline, an export) go out in pieces as they are
// made, batched into few writes, waiting when a pipe's reader falls behind.
// Apart from ui/output so that `oncall note`, which prints one short line,
// never loads it.
import type { Context, Output } from '../../context.js';
import { jsonPieces } from '../../domain/text/json.js';

/** About this many characters go out in one write. */
const BATCH = 64 * 1024;

/** A stream that can say when a full buffer has drained (process.stdout can). */
function canDrain(out: Output): out is Output & { once(event: 'drain', f: () => void): unknown } {
  return typeof (out as { once?: unknown }).once === 'function';
}

/** Collects pieces into writes of about BATCH characters, waiting for a full pipe to drain. */
function batcher(ctx: Context) {
  const out = ctx.stdout;
  let batch = '';
  const flush = async () => {
    const written = out.write(batch);
    batch = '';
    if (written === false && canDrain(out))
      await new Promise<void>((done) => out.once('drain', () => done()));
  };
  return {
    /** Adds a piece; a promise when a batch went out (await it), else undefined. */
    add(piece: string): Promise<void> | undefined {
      batch += piece;
      return batch.length >= BATCH ? flush() : undefined;
    },
    async end(): Promise<void> {
      if (batch) await flush();
    },
  };
}

/** Writes `pieces` to stdout in batches, waiting for a full pipe to drain. */
export async function writePieces(ctx: Context, pieces: Iterable<string>): Promise<void> {
  const out = batcher(ctx);
  for (const piece of pieces) {
    const sent = out.add(piece);
    if (sent) await sent;
  }
  await out.end();
}

/**
 * Writes lines, each ended by a newline, in batches. Its own loop, not a
 * generator around writePieces: a night's timeline is thousands of lines, and
 * each resumed generator costs a cold process more than the line's newline.
 */
export async function printLines(ctx: Context, lines: Iterable<string>): Promise<void> {
  const out = batcher(ctx);
  for (const line of lines) {
    const sent = out.add(`${line}\n`);
    if (sent) await sent;
  }
  await out.end();
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
