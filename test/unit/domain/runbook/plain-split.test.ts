// How plain Markdown is cut into steps (plain-split.ts, through the reader):
// the level that splits the file, the intro, a later `#`, headings with nothing
// of their own, a file without headings; and HTML comments kept out of the text.
import { describe, expect, it } from 'vitest';
import { stepLevel } from '../../../../src/domain/runbook/plain-split.js';
import { readRunbook } from '../../../../src/domain/runbook/read.js';
import type { ManualStep } from '../../../../src/domain/runbook/types.js';

const read = (text: string) => readRunbook(text, '/rb/cut.md');
const steps = (text: string) =>
  read(text).runbook.steps.map((s) => [s.id, s.title, s.line, s.body] as const);

describe('the heading level that splits a plain file', () => {
  it.each([
    [[2, 2, 2], 2, 'each ## (the usual runbook)'],
    [[3, 3], 3, 'a file of ### sections'],
    [[2, 3, 3], 3, 'the deepest level with two headings'],
    [[2, 2, 4], 2, 'a lone deeper heading stays in its step'],
    [[3, 5, 5, 5], 5, 'a catalogue with one ##### per alert'],
    [[2, 1], 2, 'one heading per level: the deepest'],
    [[1, 1], 1, '# sections'],
    [[], 0, 'no heading: one step'],
  ])('%j -> %i (%s)', (depths, level) => {
    expect(stepLevel(depths)).toBe(level);
  });
});

describe('plain Markdown cut into steps', () => {
  it('makes the text under the title the step intro, and a later # a step', () => {
    const text =
      '---\ntitle: T\n---\n# T\n\nFirst look.\n\n```sh\nuptime\n```\n\n## Fix\n\nDo it.\n\n# Appendix\n\nMore.\n';
    expect(steps(text)).toEqual([
      ['intro', 'T', 4, 'First look.'],
      ['fix', 'Fix', 12, 'Do it.'],
      ['appendix', 'Appendix', 16, 'More.'],
    ]);
    expect((read(text).runbook.steps[0] as ManualStep).commands.map((c) => c.source)).toEqual([
      'uptime',
    ]);
    expect(read(text).problems).toEqual([]);
  });

  it('gives the intro no step when the title has nothing under it', () => {
    expect(steps('# T\n\n## A\n\na\n\n## B\n\nb\n').map((s) => s[0])).toEqual(['a', 'b']);
  });

  it('keeps a heading named Intro at its id: the intro is numbered instead', () => {
    expect(steps('# T\n\nHello.\n\n## Intro\n\na\n\n## B\n\nb\n').map((s) => s[0])).toEqual([
      'intro-2',
      'intro',
      'b',
    ]);
  });

  it('cuts a file of ### headings at each, and says so', () => {
    const text = '# T\n\n### One\n\na\n\n### Two\n\nb\n\n#### Detail\n\nc\n';
    expect(steps(text)).toEqual([
      ['one', 'One', 3, 'a'],
      ['two', 'Two', 7, 'b\n\n#### Detail\n\nc'],
    ]);
    expect(read(text).problems.map((p) => `${p.line}: ${p.message}`)).toContain(
      '3: each `###` heading starts a step: the deepest heading level that splits this file',
    );
  });

  it('walks a file without headings as one step named by its title, and says so', () => {
    const text = '---\ntitle: Renew the certificate\n---\n\n- Find it.\n- Renew it.\n';
    expect(steps(text)).toEqual([
      ['renew-the-certificate', 'Renew the certificate', 5, '- Find it.\n- Renew it.'],
    ]);
    expect(read(text).problems.map((p) => p.message)).toContain(
      'no heading below the title splits this file: it is walked as one step',
    );
  });

  it('puts a heading with nothing of its own in front of the titles under it', () => {
    const text = '# Alerts\n\n### Disks\n\n##### DiskFull\n\nGrow it.\n\n##### DiskSlow\n\nWait.\n';
    expect(steps(text).map((s) => [s[0], s[1]])).toEqual([
      ['diskfull', 'Disks › DiskFull'],
      ['diskslow', 'Disks › DiskSlow'],
    ]);
  });

  it('keeps an annotated file as it was: steps at ##, the intro only an introduction', () => {
    const text = '# T\n\nIntro.\n\n## A\n<!-- step: a -->\nx\n';
    expect(steps(text)).toEqual([['a', 'A', 5, 'x']]);
  });
});

describe('HTML comments in the step text', () => {
  it('are hidden from the text, a comment-only line with them; code keeps them', () => {
    const text = [
      '## Check',
      '<!--DOWNSTREAM: vendor link-->',
      'Look <!-- inline --> here.',
      '<!--',
      'two lines',
      '-->',
      'Then `<!-- literal -->` stays.',
      '',
      '    echo "<!-- in code -->"',
      '',
    ].join('\n');
    const [step] = read(text).runbook.steps as ManualStep[];
    expect(step?.body).toBe('Look  here.\nThen `<!-- literal -->` stays.');
    expect(step?.commands.map((c) => c.source)).toEqual(['echo "<!-- in code -->"']);
  });
});

describe('frontmatter written by site generators', () => {
  it('warns about a key written twice and keeps the last value, instead of refusing', () => {
    const { runbook, problems } = read('---\ntitle: Old\ntitle: New\n---\n## A\n\nx\n');
    expect(runbook.title).toBe('New');
    expect(problems).toEqual([
      {
        file: '/rb/cut.md',
        line: 3,
        severity: 'warning',
        message:
          'frontmatter key "title" is written twice (first at line 2); the last value is used',
      },
    ]);
  });
});
