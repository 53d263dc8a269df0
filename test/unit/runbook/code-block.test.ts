// A code block as a command: which blocks count, what in them is typed, and
// when it runs as argv, as a script for the step's shell, or through sh.
import { describe, expect, it } from 'vitest';
import { commandBlocksOf, commandOf, type ReadMode } from '../../../src/runbook/code-block.js';
import { ProblemCollector } from '../../../src/runbook/problems.js';
import type { CodeBlock } from '../../../src/runbook/sections.js';
import { briefly, FILE, sectionOf } from '../../helpers/runbook-text.js';

const block = (content: string): CodeBlock => ({ line: 5, lang: 'sh', content, map: [4, 7] });
const STRICT: ReadMode = { auto: false };
const AUTO: ReadMode = { auto: true };

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
      spec: { argv: ['curl', '-fsS', 'http://x/a b'], source: 'curl -fsS    "http://x/a b"' },
      problems: [],
    });
  });

  it('keeps only the $ lines of a console transcript, the rest being output', () => {
    expect(read('$ kubectl get pods\nNAME READY\nweb-1 1/1\n', STRICT).spec).toEqual({
      argv: ['kubectl', 'get', 'pods'],
      source: 'kubectl get pods',
    });
  });

  it('is the whole block as a script for a declared shell, placeholders left bare', () => {
    expect(read('for i in 1 2; do echo "{{v}}"; done\n', { shell: 'bash', auto: false })).toEqual({
      spec: {
        argv: ['for i in 1 2; do echo "{{v}}"; done'],
        shell: 'bash',
        source: 'for i in 1 2; do echo "{{v}}"; done',
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

  it('in plain Markdown (auto), runs what needs a shell through sh instead', () => {
    for (const content of ['ps aux | grep web\n', 'a\nb\n', "echo 'x\n"]) {
      const script = content.trim();
      expect(read(content, AUTO)).toEqual({
        spec: { argv: [script], shell: 'sh', source: script },
        problems: [],
      });
    }
    expect(read('df -h\n', AUTO).spec).toEqual({ argv: ['df', '-h'], source: 'df -h' });
  });

  it('is nothing for an empty block, with a warning', () => {
    expect(read('\n  \n', AUTO)).toEqual({
      spec: undefined,
      problems: ['5 warning: empty code block'],
    });
  });
});
