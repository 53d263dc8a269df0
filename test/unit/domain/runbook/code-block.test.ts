// A code block as a command: which blocks count, what in them is typed, and
// when it runs as argv, as a script for the step's shell, or through sh.
import { describe, expect, it } from 'vitest';
import {
  commandBlocksOf,
  commandOf,
  type ReadMode,
} from '../../../../src/domain/runbook/code-block.js';
import { ProblemCollector } from '../../../../src/domain/runbook/problems.js';
import type { CodeBlock } from '../../../../src/domain/runbook/sections.js';
import { briefly, FILE, sectionOf } from '../../../helpers/runbook-text.js';

const block = (content: string): CodeBlock => ({ line: 5, lang: 'sh', content, map: [4, 7] });
const STRICT: ReadMode = {};

function read(content: string, mode: ReadMode) {
  const out = new ProblemCollector(FILE);
  return { spec: commandOf(block(content), mode, out), problems: briefly(out) };
}

describe('command blocks', () => {
  it('are the blocks with no language or a shell/console one', () => {
    const { section } = sectionOf(
      '## A\n```\na\n```\n```console\nb\n```\n```json\n{}\n```\n```ZSH\nc\n```\n```python\nd\n```',
    );
    expect(commandBlocksOf(section.tokens).map((b) => b.content)).toEqual(['a\n', 'b\n', 'c\n']);
  });
});

describe('a code block as a command', () => {
  it('is argv when it is one plain command: quotes honoured, continuations joined, comments dropped', () => {
    expect(read('# why\ncurl -fsS \\\n  "http://x/a b"\n', STRICT)).toEqual({
      spec: {
        argv: ['curl', '-fsS', 'http://x/a b'],
        source: 'curl -fsS    "http://x/a b"',
        changesState: false,
        readOnly: true,
      },
      problems: [],
    });
  });

  it('keeps only the $ lines of a console transcript, the rest being output', () => {
    expect(read('$ kubectl get pods\nNAME READY\nweb-1 1/1\n', STRICT).spec).toMatchObject({
      argv: ['kubectl', 'get', 'pods'],
      source: 'kubectl get pods',
    });
  });

  it('is the whole block as a script for a declared shell, placeholders left bare', () => {
    expect(read('for i in 1 2; do echo "{{v}}"; done\n', { shell: 'bash' })).toEqual({
      spec: {
        argv: ['for i in 1 2; do echo "{{v}}"; done'],
        shell: 'bash',
        source: 'for i in 1 2; do echo "{{v}}"; done',
        changesState: false,
        readOnly: true,
      },
      problems: [
        '5 warning: a {{placeholder}} inside quotes: the value is quoted for you, write it bare',
      ],
    });
  });

  it('in an annotated step, refuses what needs a shell and says to declare one', () => {
    expect(read('ps aux | grep web\n', STRICT)).toEqual({
      spec: undefined,
      problems: [
        '5 error: command uses shell syntax (|); add `shell: bash` to the step annotation, or write it as one plain command',
      ],
    });
    expect(read('a\nb\n', STRICT).problems).toEqual([
      '5 error: code block has 2 commands but a step runs one: add `shell: bash` to the step annotation to run it as a script, or split it into steps',
    ]);
    expect(read("echo 'x\n", STRICT).problems).toEqual([
      '5 error: command: a single quote is never closed',
    ]);
  });

  it('marks a state-changing command and the verb to type', () => {
    expect(read('kubectl delete pod web-1\n', STRICT).spec).toMatchObject({
      changesState: true,
      verb: 'delete',
    });
  });

  it('is nothing for an empty block, with a warning', () => {
    expect(read('\n  \n', STRICT)).toEqual({
      spec: undefined,
      problems: ['5 warning: empty code block'],
    });
  });
});
