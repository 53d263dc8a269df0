// decide steps: choices written as a Markdown list, `- Label → step-id`.
import { describe, expect, it } from 'vitest';
import { readAnnotatedSection } from '../../../../../src/domain/runbook/annotated.js';
import { briefly, sectionOf } from '../../../../helpers/runbook-text.js';

function read(text: string) {
  const { lines, section, out } = sectionOf(text);
  return { ...readAnnotatedSection(section, lines, out), problems: briefly(out) };
}

describe('a decide step', () => {
  it('reads each choice with its line, in either arrow; a choice with more to say stays in the body', () => {
    const { step, meta, problems } = read(
      '## Which?\n<!-- step: d kind: decide -->\nPick one.\n\n- Roll **back** → `rollback`\n- Page someone -> page\n  more words\n- not a choice\n',
    );
    expect(step).toMatchObject({
      kind: 'decide',
      choices: [
        { label: 'Roll back', goto: 'rollback' },
        { label: 'Page someone', goto: 'page' },
      ],
      body: 'Pick one.\n\n- Page someone -> page\n  more words\n- not a choice',
    });
    expect(meta.choiceLines).toEqual([5, 6]);
    expect(problems).toEqual([
      '8 warning: list item in a decide step is not a choice; write `- Label → step-id`',
    ]);
  });

  it('reads only top-level items as choices', () => {
    const { step } = read('## D\n<!-- step: d kind: decide -->\n- A → a\n  - B → b\n');
    expect(step).toMatchObject({ choices: [{ label: 'A', goto: 'a' }] });
  });

  it('whose text is a list of choices with hints keeps the hints on screen', () => {
    const { step } = read(
      '## D\n<!-- step: d kind: decide -->\n- Deploy → a\n  Check the deploy log first.\n- Else → b\n',
    );
    expect(step).toMatchObject({
      choices: [
        { label: 'Deploy', goto: 'a' },
        { label: 'Else', goto: 'b' },
      ],
      body: '- Deploy → a\n  Check the deploy log first.',
    });
  });

  it('without choices is an error', () => {
    expect(read('## D\n<!-- step: d kind: decide -->\nHmm.\n').problems).toEqual([
      '1 error: decide step "d" has no choices; list them as `- Label → step-id`',
    ]);
  });
});
