// The diff `runbook suggest --write` shows before it writes: lines added,
// three lines of context, nearby additions in one hunk.
import { describe, expect, it } from 'vitest';
import { insertionDiff } from '../../../../src/domain/capture/diff.js';

const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

describe('the diff of lines added', () => {
  it('numbers each hunk in the old and the new file', () => {
    const diff = insertionDiff('rb.md', lines, [
      { at: 5, lines: ['+a', '+b'] },
      { at: 7, lines: ['+c'] },
      { at: 20, lines: ['+end'] },
    ]);
    expect(diff).toBe(
      [
        '--- rb.md',
        '+++ rb.md',
        '@@ -3,8 +3,11 @@',
        ' line 3',
        ' line 4',
        ' line 5',
        '++a',
        '++b',
        ' line 6',
        ' line 7',
        '++c',
        ' line 8',
        ' line 9',
        ' line 10',
        '@@ -18,3 +21,4 @@',
        ' line 18',
        ' line 19',
        ' line 20',
        '++end',
        '',
      ].join('\n'),
    );
  });
});
