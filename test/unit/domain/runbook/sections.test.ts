// Markdown -> sections: which headings open a step, the lines each covers,
// the code blocks in it and the text a step shows.
import { describe, expect, it } from 'vitest';
import { ProblemCollector } from '../../../../src/domain/runbook/problems.js';
import { bodyOf, codeBlocksOf, readSections } from '../../../../src/domain/runbook/sections.js';
import { briefly, FILE, sectionOf } from '../../../helpers/runbook-text.js';

function read(text: string, frontmatterLines = 0) {
  const out = new ProblemCollector(FILE);
  const lines = text.split('\n');
  return { ...readSections(lines, frontmatterLines, out), problems: briefly(out) };
}

describe('sections', () => {
  it('are the ## headings when there are any; the # heading is the title, ending a section', () => {
    const { sections, h1, outside } = read(
      '# The *title*\nIntro.\n## One\na\n## `Two`\nb\n# Appendix\nc',
    );
    expect(h1).toBe('The title');
    expect(sections.map((s) => [s.line, s.title, s.range])).toEqual([
      [3, 'One', [2, 4]],
      [5, 'Two', [4, 6]],
    ]);
    expect(outside.map((t) => t.type)).toContain('paragraph_open');
  });

  it('are the # headings in a file without ##, and the first one is also the title', () => {
    const { sections, h1 } = read('# Meaning\nx\n# Fix\ny');
    expect(h1).toBeUndefined();
    expect(sections.map((s) => s.title)).toEqual(['Meaning', 'Fix']);
  });

  it('keep the file line numbers below a frontmatter, which is not read as Markdown', () => {
    const { sections } = read('---\n# not a heading\n---\n## Step\nx', 3);
    expect(sections.map((s) => [s.line, s.title])).toEqual([[4, 'Step']]);
  });

  it('warn about a code block that is never closed', () => {
    expect(read('## A\n```sh\nls').problems).toEqual([
      '2 warning: code block opened with ``` is never closed; it runs to the end of the file',
    ]);
    expect(read('## A\n~~~~\nls\n~~~~~').problems).toEqual([]);
  });

  it('list code blocks with their line and language (first word, lower case)', () => {
    const { section } = sectionOf('## A\n```Bash title="x"\nls\n```\ntext\n```\ndf\n```');
    expect(codeBlocksOf(section.tokens)).toEqual([
      { line: 2, lang: 'bash', content: 'ls\n', map: [1, 4] },
      { line: 6, lang: '', content: 'df\n', map: [5, 8] },
    ]);
  });

  it('give a body without the heading and the excluded lines, blank runs squeezed', () => {
    const { lines, section } = sectionOf('## A\n\nKeep this.\n```\nls\n```\n\n\n\nAnd this.\n');
    expect(bodyOf(lines, section, [[3, 6]])).toBe('Keep this.\n\nAnd this.');
  });
});
