// The golden helper must say what changed, or a failing golden test is a puzzle.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, lineDiff } from '../../helpers/golden.js';

describe('golden helper', () => {
  it('shows removed and added lines with context', () => {
    const expected = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n');
    const actual = ['1', '2', 'three', '4', '5', '6', '7', '8', '9', '10', '11'].join('\n');
    expect(lineDiff(expected, actual)).toBe(
      ['  1', '  2', '- 3', '+ three', '  4', '  5', '  …', '  9', '  10', '+ 11'].join('\n'),
    );
  });

  it('fails with the diff and the regenerate command when the text differs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'golden-')), 'x.md');
    writeFileSync(file, 'one\ntwo\n');
    // Compare mode even while goldens are being regenerated.
    expect(() => expectGolden(file, 'one\ntwo\n', false)).not.toThrow();
    expect(() => expectGolden(file, 'one\n2\n', false)).toThrow(
      /UPDATE_GOLDEN=1[\s\S]*- two\n\+ 2/,
    );
  });
});
