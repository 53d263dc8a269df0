// lint.ts's checks across steps, each on its own, and how their problems merge
// with what reading found: by line, and in the order found within one line.
// (lint.test.ts is lint as users see it: the examples and the starter.)
import { describe, expect, it } from 'vitest';
import { lintRead, lintRunbook } from '../../../../src/domain/runbook/lint.js';
import { parseRunbook } from '../../../../src/domain/runbook/parse.js';
import { readRunbook } from '../../../../src/domain/runbook/read.js';

const FM = '---\nid: t\ncontacts: [alice]\n---\n';
const lint = (body: string) =>
  lintRunbook(FM + body, '/rb/t.md').map((p) => `${p.line} ${p.severity}: ${p.message}`);

describe('checks across steps', () => {
  it('find a duplicate id at its annotation', () => {
    expect(lint('## A\n<!-- step: a -->\nx\n## B\n<!-- step: a -->\ny\n')).toEqual([
      '9 error: duplicate step id "a" (first at line 5); ids must be unique',
    ]);
  });

  it('find next: and choices that go to no step, listing the ids there are', () => {
    expect(
      lint(
        '## A\n<!-- step: a next: zz -->\nx\n## D\n<!-- step: d kind: decide -->\n- Go → a\n- Stop → yy\n',
      ),
    ).toEqual([
      '6 error: next: goes to "zz", which is no step id here (ids: a, d)',
      '11 error: choice "Stop" goes to "yy", which is no step id here (ids: a, d)',
    ]);
  });

  it('find an until: that names no check step', () => {
    expect(lint('## W\n<!-- step: w kind: wait until: a -->\n## A\n<!-- step: a -->\nx\n')).toEqual(
      [
        '6 error: until: "a" is a manual step; name a check step, or put the command in a code block',
      ],
    );
    expect(lint('## W\n<!-- step: w kind: wait until: b -->\n')).toEqual([
      '6 error: until: "b" is no step id here; name a check step, or put the command in a code block',
    ]);
  });

  it('warn about an escalation to someone not in the frontmatter contacts', () => {
    expect(lint('## P\n<!-- step: p kind: escalate to: bob -->\n')).toEqual([
      '6 warning: escalates to "bob", who is not in the frontmatter contacts (alice)',
    ]);
    expect(
      lintRunbook('---\nid: t\n---\n## P\n<!-- step: p kind: escalate to: bob -->\n', '/rb/t.md'),
    ).toEqual([]);
  });

  it('find variables used before their ask step, or never set, in commands and escalation asks', () => {
    expect(
      lint(
        '## R\n<!-- step: r kind: run -->\n```\ndeploy {{v}} {{service}}\n```\n## V\n<!-- step: v kind: ask var: v -->\n## P\n<!-- step: p kind: escalate to: alice ask: help with {{w}} -->\n## R2\n<!-- step: r2 kind: run -->\n```\ndeploy {{v}}\n```\n',
      ),
    ).toEqual([
      '7 error: {{v}} is used before the ask step that sets it (line 10); move that step earlier',
      '13 error: {{w}} is not defined; add an ask step with var: w before this step (predefined: incident, title, service, severity, alert)',
    ]);
  });
});

describe('lint and parse', () => {
  it('put reading problems before check problems on the same line', () => {
    const text = `${FM}## W\n<!-- step: w kind: wait until: nope next: gone seconds: x -->\n`;
    const firstWords = lintRunbook(text, '/rb/t.md').map(
      (p) => `${p.line} ${p.message.split(' ').slice(0, 2).join(' ')}`,
    );
    expect(firstWords).toEqual(['6 seconds: "x"', '6 until: "nope"', '6 next: goes']);
  });

  it('report the same problems, parse also giving the runbook', () => {
    const text = `${FM}## A\n<!-- step: a next: b kind: dance -->\n`;
    const read = readRunbook(text, '/rb/t.md');
    expect(lintRead(read)).toEqual(lintRunbook(text, '/rb/t.md'));
    expect(parseRunbook(text, '/rb/t.md').problems).toEqual(lintRunbook(text, '/rb/t.md'));
    // Reading found the kind and the empty step; the bad next: is lint's.
    expect(read.problems.map((p) => p.message)).toEqual([
      'unknown step kind "dance"; use one of manual, check, run, ask, wait, decide, escalate',
      'section "A" has no text and no commands',
    ]);
    expect(lintRead(read).map((p) => p.message)).toContain(
      'next: goes to "b", which is no step id here (ids: a)',
    );
  });
});
