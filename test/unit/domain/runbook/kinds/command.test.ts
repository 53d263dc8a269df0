// check and run steps: the first code block is the command; on-failure says
// what to offer when it fails.
import { describe, expect, it } from 'vitest';
import { readAnnotatedSection } from '../../../../../src/domain/runbook/annotated.js';
import { briefly, sectionOf } from '../../../../helpers/runbook-text.js';

function read(text: string) {
  const { lines, section, out } = sectionOf(text);
  return { ...readAnnotatedSection(section, lines, out), problems: briefly(out) };
}

describe('check and run steps', () => {
  it('run the first code block; another is shown as text, with a warning', () => {
    const { step, problems } = read(
      '## Health\n<!-- step: h kind: check on-failure: Retry -->\n```\ncurl -fsS x\n```\n```\nls\n```\n',
    );
    expect(step).toMatchObject({
      kind: 'check',
      command: { argv: ['curl', '-fsS', 'x'], source: 'curl -fsS x' },
      onFailure: 'retry',
      body: '```\nls\n```',
    });
    expect(problems).toEqual([
      '6 warning: a check step runs only its first code block; this one is shown as text',
    ]);
  });

  it('offer everything on failure (ask) unless told; an unknown value is an error', () => {
    const text = (extra: string) =>
      `## Go\n<!-- step: go kind: run ${extra} -->\n\`\`\`\nmake\n\`\`\`\n`;
    expect(read(text('')).step).toMatchObject({ kind: 'run', onFailure: 'ask' });
    const { step, problems } = read(text('on-failure: panic'));
    expect(step).toMatchObject({ onFailure: 'ask' });
    expect(problems).toEqual([
      '2 error: on-failure: "panic"; use one of ask, retry, skip, shell, escalate, abort',
    ]);
  });

  it('without a code block are an error, with an empty command', () => {
    const { step, problems } = read('## Go\n<!-- step: go kind: run -->\nJust text.\n');
    expect(step).toMatchObject({ command: { argv: [], source: '' }, body: 'Just text.' });
    expect(problems).toEqual(['1 error: run step "go" has no code block with its command']);
  });

  it('keep a block that cannot be a command as its source, with the reason', () => {
    const { step, problems } = read('## Go\n<!-- step: go kind: run -->\n```\na && b\n```\n');
    expect(step).toMatchObject({ command: { argv: [], source: 'a && b' }, body: '' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^3 error: command uses shell syntax \(&\)/);
  });
});
