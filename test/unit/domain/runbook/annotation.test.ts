// The step annotation: key: value pairs in an HTML comment, and what each
// kind of step understands.
import { describe, expect, it } from 'vitest';
import {
  isAnnotation,
  kindOf,
  readAnnotation,
  warnIgnoredKeys,
} from '../../../../src/domain/runbook/annotation.js';
import { ProblemCollector } from '../../../../src/domain/runbook/problems.js';
import { briefly, FILE, sectionOf } from '../../../helpers/runbook-text.js';

/** The first annotation of a one-step text, read. */
function read(comment: string) {
  const { section, out } = sectionOf(`## Step\n\n${comment}\n`);
  const token = section.tokens.find(isAnnotation);
  if (!token) throw new Error(`not an annotation: ${comment}`);
  const notes = readAnnotation(token, out);
  return { notes: Object.fromEntries(notes), problems: briefly(out) };
}

describe('the step annotation', () => {
  it('is an HTML comment starting with step:, in any case', () => {
    expect(read('<!--Step: a -->').notes).toEqual({ step: 'a' });
    const { section } = sectionOf('## S\n\n<!-- just a comment -->\n');
    expect(section.tokens.some(isAnnotation)).toBe(false);
  });

  it('reads key: value pairs; a value runs to the next key, over lines', () => {
    expect(
      read('<!-- step: ask-v kind: ask\n prompt: Which version\n to roll back? var: v -->'),
    ).toEqual({
      notes: { step: 'ask-v', kind: 'ask', prompt: 'Which version to roll back?', var: 'v' },
      problems: [],
    });
  });

  it('resolves aliases (id, variable, timeout) and lower-cases keys', () => {
    expect(read('<!-- step: x Kind: wait timeout: 5m -->').notes).toEqual({
      step: 'x',
      kind: 'wait',
      seconds: '5m',
    });
    expect(read('<!-- step: x kind: ask variable: v -->').notes).toMatchObject({ var: 'v' });
    expect(read('<!-- step: x id: y -->').problems).toEqual([
      '3 error: step annotation has "step:" twice',
    ]);
  });

  it('keeps a quoted key-like word as text', () => {
    expect(read(`<!-- step: a kind: ask prompt: "next: what?" var: v -->`).notes).toMatchObject({
      prompt: 'next: what?',
    });
  });

  it('reports an unknown key (dropping its value) and a key twice', () => {
    const { notes, problems } = read('<!-- step: a owner: bob step: b -->');
    expect(notes).toEqual({ step: 'b' });
    expect(problems).toEqual([
      expect.stringMatching(/^3 error: unknown annotation key "owner:" \(quote the value/),
      '3 error: step annotation has "step:" twice',
    ]);
  });

  it('reports words that belong to no key (a space before the colon is one)', () => {
    expect(read('<!-- step : a -->').problems).toEqual([
      '3 error: "step" in the step annotation belongs to no key; write key: value pairs',
      '3 error: ":" in the step annotation belongs to no key; write key: value pairs',
      '3 error: "a" in the step annotation belongs to no key; write key: value pairs',
    ]);
  });

  it('reports an unclosed quote', () => {
    expect(read(`<!-- step: a prompt: 'oops -->`).problems).toEqual([
      '3 error: step annotation: a single quote is never closed',
    ]);
  });

  it('knows the kinds; an unknown one is an error and reads as manual', () => {
    const out = new ProblemCollector(FILE);
    expect(kindOf(new Map([['kind', 'Check']]), 7, out)).toBe('check');
    expect(kindOf(new Map(), 7, out)).toBe('manual');
    expect(kindOf(new Map([['kind', 'dance']]), 7, out)).toBe('manual');
    expect(briefly(out)).toEqual([
      '7 error: unknown step kind "dance"; use one of manual, check, run, ask, wait, decide, escalate',
    ]);
  });

  it('warns about keys the kind does not understand', () => {
    const out = new ProblemCollector(FILE);
    const notes = new Map([
      ['step', 'a'],
      ['next', 'b'],
      ['to', 'alice'],
      ['on-failure', 'retry'],
    ]);
    warnIgnoredKeys(notes, 'check', 4, out);
    expect(briefly(out)).toEqual([
      '4 warning: "to:" means nothing for a check step and is ignored',
    ]);
  });
});
