// An annotated section read as a step: the parts every kind shares (id, next,
// shell, a second annotation) and the small kinds (ask, escalate).
import { describe, expect, it } from 'vitest';
import { readAnnotatedSection } from '../../../../src/domain/runbook/annotated.js';
import { briefly, sectionOf } from '../../../helpers/runbook-text.js';

function read(text: string) {
  const { lines, section, out } = sectionOf(text);
  const { step, meta } = readAnnotatedSection(section, lines, out);
  return { step, meta, problems: briefly(out) };
}

describe('an annotated section', () => {
  it('takes its id and next from the annotation, and keeps the annotation out of the body', () => {
    const { step, meta, problems } = read('## Say hello\n<!-- step: hi next: bye -->\nWave.\n');
    expect(step).toEqual({
      id: 'hi',
      title: 'Say hello',
      line: 1,
      next: 'bye',
      kind: 'manual',
      commands: [],
      body: 'Wave.',
    });
    expect(meta).toMatchObject({ annotationLine: 2, explicitId: true });
    expect(problems).toEqual([]);
  });

  it('without step: takes the id from the heading, with a warning', () => {
    const { step, meta, problems } = read('## Say hello\n<!-- step: kind: manual -->\nWave.\n');
    expect(step.id).toBe('say-hello');
    expect(meta.explicitId).toBe(false);
    expect(problems).toEqual([
      '2 warning: step annotation without step: <id>; using "say-hello" from the heading',
    ]);
  });

  it('reports a bad id, a bad shell and a second annotation', () => {
    const { problems } = read(
      '## A\n<!-- step: a/b shell: bash -x -->\nText.\n<!-- step: again -->\n',
    );
    expect(problems).toEqual([
      '4 error: a second step annotation in the same step; put one right under the heading',
      '2 error: step id "a/b": use letters, digits, dots, dashes, underscores',
      '2 error: shell: "bash -x" is not a program name; write e.g. shell: bash',
    ]);
  });

  it("runs a manual step's blocks strictly, or as scripts for its shell", () => {
    const text = (shell: string) => `## A\n<!-- step: a ${shell} -->\n\`\`\`\nls | wc -l\n\`\`\`\n`;
    expect(read(text('')).problems).toEqual([
      '3 error: command uses shell syntax (|); add `shell: bash` to the step annotation, or write it as one plain command',
      // The refused block is still kept out of the body, so the step is also empty.
      '1 warning: section "A" has no text and no commands',
    ]);
    const { step, meta, problems } = read(text('shell: bash'));
    expect(step).toMatchObject({
      kind: 'manual',
      commands: [{ argv: ['ls | wc -l'], shell: 'bash' }],
      body: '',
    });
    expect([...meta.commandLines.values()]).toEqual([3]);
    expect(problems).toEqual([]);
  });

  it('reads an ask step: var, prompt (default: the heading), secret', () => {
    expect(read('## Version?\n<!-- step: v kind: ask var: version -->\n').step).toMatchObject({
      kind: 'ask',
      variable: 'version',
      prompt: 'Version?',
      secret: false,
    });
    expect(
      read('## T\n<!-- step: t kind: ask var: token prompt: Which token? secret: -->\n').step,
    ).toMatchObject({ prompt: 'Which token?', secret: true });
    expect(read('## T\n<!-- step: t kind: ask -->\n').problems).toEqual([
      '2 error: ask step "t" needs var: <name> for the answer',
    ]);
    expect(read('## T\n<!-- step: t kind: ask var: 1x -->\n').problems).toEqual([
      '2 error: var: "1x" is not a variable name (letters, digits, _ and -)',
    ]);
  });

  it('reads an escalate step: to and ask', () => {
    expect(
      read('## Page\n<!-- step: p kind: escalate to: alice ask: join the bridge -->\n').step,
    ).toMatchObject({ kind: 'escalate', to: 'alice', ask: 'join the bridge' });
    expect(read('## Page\n<!-- step: p kind: escalate -->\n').problems).toEqual([
      '2 error: escalate step "p" needs to: <contact key>',
    ]);
  });
});
