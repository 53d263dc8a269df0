// A command of several lines, split where a shell reads one statement from the
// next, with the line each starts on and whether its failure stops the block.
import { describe, expect, it } from 'vitest';
import { runsInShell, scriptLines } from '../../../../src/domain/walk/lines.js';

const texts = (script: string) => scriptLines(script).map((l) => [l.line, l.text, l.stops]);

describe('scriptLines', () => {
  it('one statement per line; `a; b` is two on one line; comments are none', () => {
    expect(texts('cd /srv/app\n# then\nterraform destroy -target=x; echo done')).toEqual([
      [1, 'cd /srv/app', true],
      [3, 'terraform destroy -target=x', true],
      [3, 'echo done', true],
    ]);
  });

  it('a here-document, a loop, a function and a continued line are one statement each', () => {
    const script = [
      'cat <<EOF | kubectl apply -f -',
      'spec: {}',
      'EOF',
      'for i in 1 2; do',
      '  echo $i',
      'done',
      'f() {',
      '  echo in-f',
      '}',
      'kubectl get pods \\',
      '  -A',
    ].join('\n');
    expect(scriptLines(script).map((l) => l.line)).toEqual([1, 4, 7, 10]);
    expect(scriptLines(script)[0]?.text).toBe('cat <<EOF | kubectl apply -f -\nspec: {}\nEOF');
  });

  it('keeps a statement sent to the background in the background', () => {
    expect(texts('sleep 5 &\nwait')).toEqual([
      [1, 'sleep 5 &', true],
      [2, 'wait', true],
    ]);
  });

  it('`set +e` lets the lines after it fail and go on; `set -e` (or -o errexit) stops again', () => {
    expect(
      texts('set +e\nfalse\nset -euo pipefail\nfalse\nset +o errexit\nfalse').map((l) => l[2]),
    ).toEqual([true, false, false, true, true, false]);
  });

  it('a script the parser cannot read whole runs as one statement, as written', () => {
    expect(texts('echo "unfinished\nls')).toEqual([[1, 'echo "unfinished\nls', true]]);
  });
});

describe('runsInShell', () => {
  it('builtins that change the shell itself run in the walk shell', () => {
    expect(['cd', 'export', 'source', '.', 'unset'].every(runsInShell)).toBe(true);
    expect(['kubectl', 'ls', undefined].some(runsInShell)).toBe(false);
  });
});
