// Reading a whole runbook: the Runbook it yields and the problems found while
// reading. Checks across steps are lint's, so they must not show up here.
import { describe, expect, it } from 'vitest';
import { readRunbook } from '../../../../src/domain/runbook/read.js';

const brief = (text: string) =>
  readRunbook(text, '/rb/web-down.md').problems.map((p) => `${p.line} ${p.severity}: ${p.message}`);

describe('reading a runbook', () => {
  it('takes id and title from the frontmatter, else the file name and the # heading', () => {
    const plain = readRunbook('# Web is down\n\n## Look\nx\n', '/rb/web-down.md').runbook;
    expect(plain).toMatchObject({ id: 'web-down', title: 'Web is down', annotated: false });
    const withFm = readRunbook('---\nid: w\ntitle: T\n---\n## Look\nx\n', '/rb/web-down.md');
    expect(withFm.runbook).toMatchObject({ id: 'w', title: 'T', services: [], contacts: [] });
  });

  it('numbers a heading id already taken, but never an id written in an annotation', () => {
    const { runbook } = readRunbook(
      '## Fix\na\n## Fix\nb\n## Fix\nc\n## X\n<!-- step: fix -->\nd\n',
      '/rb/x.md',
    );
    expect(runbook.steps.map((s) => s.id)).toEqual(['fix', 'fix-2', 'fix-3', 'fix']);
  });

  it('leaves the checks across steps to lint: a duplicate id or a bad next: is not reported here', () => {
    const problems = brief(
      '---\nid: x\n---\n## A\n<!-- step: a next: nowhere -->\nx\n## B\n<!-- step: a -->\n```\necho {{nothing}}\n```\n',
    );
    expect(problems).toEqual([]);
  });

  it('reports an annotation before the first step; a plain file without headings is one step', () => {
    expect(brief('---\nid: x\n---\n<!-- step: lost -->\nIntro only.\n')).toEqual([
      '4 warning: step annotation before the first step heading is ignored; put it under a ## heading',
      '4 warning: no heading below the title splits this file: it is walked as one step',
    ]);
  });

  it('links a wait to the check its until: names', () => {
    const { runbook } = readRunbook(
      '## W\n<!-- step: w kind: wait until: h -->\n## H\n<!-- step: h kind: check -->\n```\ncurl x\n```\n',
      '/rb/x.md',
    );
    expect(runbook.steps[0]).toMatchObject({ until: { argv: ['curl', 'x'] } });
    expect(runbook.annotated).toBe(true);
  });
});
