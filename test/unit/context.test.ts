// The Context is passed on, never copied: `{ ...ctx }` reads every getter, and
// reading ctx.stdin sets up a stream (and asking ctx.interactive loads node:tty)
// that `oncall note` must not wait on. A changed clock or a quiet stderr is an
// option of the function that needs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directOutput } from '../../src/context.js';
import { ROOT } from '../helpers/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the context', () => {
  it('is never spread into a copy', () => {
    const spreading = sourceFiles(join(ROOT, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\.\.\.(ctx|s\.ctx|this\.ctx|context)\b(?!\.)/.test(line.replace(/\/\/.*$/, ''))
            ? [`${relative(ROOT, file)}:${i + 1}`]
            : [],
        ),
    );
    expect(spreading).toEqual([]);
  });
});

// `oncall note` writes its lines with write(2), not Node's streams (directOutput).
// What a pipe does to it, played by a fake system call.
const fail = (code: string) => Object.assign(new Error(code), { code });

/** A fake write(2): each step is the bytes one call takes, or the error it fails with; past the steps, all. */
function pipe(steps: (number | string)[]) {
  const written: string[] = [];
  const streamed: string[] = [];
  let call = 0;
  const output = directOutput(1, {
    writeSync(_fd, bytes, at) {
      const step = steps[call++] ?? bytes.length - at;
      if (typeof step === 'string') throw fail(step);
      const taken = Math.min(step, bytes.length - at);
      written.push(Buffer.from(bytes.subarray(at, at + taken)).toString());
      return taken;
    },
    stream: () => ({
      write: (bytes) => {
        streamed.push(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString());
      },
    }),
  });
  return { output, written, streamed };
}

describe('direct output', () => {
  it('writes the whole of each line, however few bytes a call takes', () => {
    const { output, written } = pipe([2, 1, 100]);
    output.write('Noted at 02:14\n');
    expect(written.join('')).toBe('Noted at 02:14\n');
  });

  it('a full pipe hands the rest to the stream, and every later line goes after it', () => {
    const { output, written, streamed } = pipe([3, 'EAGAIN']);
    output.write('Noted at 02:14\n');
    output.write('in 2026-03-12-0211-checkout\n');
    expect(written).toEqual(['Not']);
    expect(streamed).toEqual(['ed at 02:14\n', 'in 2026-03-12-0211-checkout\n']);
  });

  it('a reader that left gets nothing more, and the command goes on', () => {
    for (const gone of ['EPIPE', 'EIO']) {
      const { output, written, streamed } = pipe([4, gone]);
      expect(() => {
        output.write('Noted at 02:14\n');
        output.write('more\n');
      }).not.toThrow();
      expect([written, streamed]).toEqual([['Note'], []]);
    }
  });

  it('any other failure is not hidden', () => {
    const { output } = pipe(['ENOSPC']);
    expect(() => output.write('Noted\n')).toThrow('ENOSPC');
  });
});
