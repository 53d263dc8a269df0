// A plain-Markdown section (no annotation) read as a manual step.
import { describe, expect, it } from 'vitest';
import { commandsInBlock, readPlainSection } from '../../../../src/domain/runbook/plain.js';
import { ProblemCollector } from '../../../../src/domain/runbook/problems.js';
import { briefly, FILE, sectionOf } from '../../../helpers/runbook-text.js';

describe('a plain section', () => {
  it('is a manual step: id from the heading, code blocks offered, text kept as the body', () => {
    const { lines, section, out } = sectionOf(
      '## Check the disks!\n\nLook at usage.\n\n```\ndf -h\n```\n\n```json\n{"a": 1}\n```\n',
    );
    const { step, meta } = readPlainSection(section, lines, false, out);
    expect(step).toEqual({
      id: 'check-the-disks',
      title: 'Check the disks!',
      line: 1,
      kind: 'manual',
      commands: [
        {
          argv: ['df', '-h'],
          source: 'df -h',
          line: 6,
          intro: 'Look at usage.',
          placeholders: [],
          slots: [],
          changesState: false,
          readOnly: true,
        },
      ],
      closing: '```json\n{"a": 1}\n```',
      body: 'Look at usage.\n\n```json\n{"a": 1}\n```',
    });
    expect(meta.explicitId).toBe(false);
    expect(meta.annotationLine).toBe(1);
    expect([...meta.commandLines.values()]).toEqual([6]);
    expect(briefly(out)).toEqual([]);
  });

  it('in a file whose other steps are annotated, warns that its id follows the heading', () => {
    const { lines, section, out } = sectionOf('## Notes\n\nSome text.\n');
    readPlainSection(section, lines, true, out);
    expect(briefly(out)).toEqual([
      '1 warning: step "Notes" has no annotation, so its id comes from the heading and renaming it breaks a resume; add <!-- step: notes -->',
    ]);
  });

  it('warns when there is nothing to read and nothing to run', () => {
    const { lines, section, out } = sectionOf('## ???\n');
    const { step } = readPlainSection(section, lines, false, out);
    expect(step.id).toBe('step-1');
    expect(briefly(out)).toEqual(['1 warning: section "???" has no text and no commands']);
  });
});

describe('commands in a plain code block', () => {
  const out = new ProblemCollector(FILE);
  const block = (content: string) => ({
    line: 3,
    lang: '',
    content,
    map: [2, 5] as [number, number],
  });

  it('are each statement as the shell would end it: argv when plain, sh when it needs a shell', () => {
    expect(commandsInBlock(block('uptime\n'), out)).toMatchObject([
      { argv: ['uptime'], source: 'uptime', line: 4 },
    ]);
    expect(commandsInBlock(block('a | b\nc \\\n  --flag\n'), out)).toMatchObject([
      { argv: ['a | b'], shell: 'sh', source: 'a | b', line: 4 },
      { argv: ['c', '--flag'], source: 'c \\\n  --flag', line: 5 },
    ]);
  });

  it('are none for an empty block', () => {
    expect(commandsInBlock(block('\n'), out)).toEqual([]);
  });
});
