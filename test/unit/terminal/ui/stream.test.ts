// Long outputs go out in batches, and wait when the reader of a pipe is behind.
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context, Output } from '../../../../src/context.js';
import { printLines, streamJson, writePieces } from '../../../../src/terminal/ui/stream.js';

/** A stdout whose buffer is full after every write until it is drained. */
class SlowPipe extends EventEmitter implements Output {
  writes: string[] = [];
  waiting = false;

  write(chunk: string): boolean {
    if (this.waiting) throw new Error('written to before it drained');
    this.writes.push(chunk);
    this.waiting = true;
    setImmediate(() => {
      this.waiting = false;
      this.emit('drain');
    });
    return false;
  }
}

function contextWith(stdout: Output): Context {
  return {
    cwd: '/',
    env: {},
    now: () => new Date(0),
    stdout,
    stderr: stdout,
    stdin: Readable.from([]),
    interactive: false,
  };
}

describe('writePieces', () => {
  it('batches many small pieces into few writes and waits for each to drain', async () => {
    const pipe = new SlowPipe();
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} of a long timeline`);
    await printLines(contextWith(pipe), lines);
    expect(pipe.writes.join('')).toBe(`${lines.join('\n')}\n`);
    expect(pipe.writes.length).toBeGreaterThan(5);
    expect(pipe.writes.length).toBeLessThan(20);
  });

  it('streams JSON as printJson would print it', async () => {
    const pipe = new SlowPipe();
    const value = { incident: { id: 'i' }, events: [{ a: 1 }, { b: [2] }] };
    await streamJson(contextWith(pipe), value);
    expect(pipe.writes.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes nothing for nothing', async () => {
    const pipe = new SlowPipe();
    await writePieces(contextWith(pipe), []);
    expect(pipe.writes).toEqual([]);
  });
});
