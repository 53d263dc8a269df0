// splitWords' options, used by the annotation reader (vars.test.ts covers the
// command-line cases).
import { describe, expect, it } from 'vitest';
import { splitWords } from '../../../../src/domain/runbook/words.js';

describe('splitWords options', () => {
  it('keeps # as text when comments are off (an annotation value may hold one)', () => {
    expect(splitWords('ask: issue #42', { comments: false }).words).toEqual([
      'ask:',
      'issue',
      '#42',
    ]);
    expect(splitWords('ask: issue #42').words).toEqual(['ask:', 'issue']);
  });

  it('marks which words were quoted, so a quoted "kind:" stays text', () => {
    expect(splitWords(`prompt: "kind: of" plain`, { marks: true })).toEqual({
      words: ['prompt:', 'kind: of', 'plain'],
      quoted: [false, true, false],
    });
  });

  it('treats a # inside a word as text', () => {
    expect(splitWords('curl http://x/#top').words).toEqual(['curl', 'http://x/#top']);
  });
});
