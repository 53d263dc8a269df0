// The Context is passed on, never copied: `{ ...ctx }` reads every getter, and
// reading ctx.stdin sets up a stream (and asking ctx.interactive loads node:tty)
// that `oncall note` must not wait on. A changed clock or a quiet stderr is an
// option of the function that needs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
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
