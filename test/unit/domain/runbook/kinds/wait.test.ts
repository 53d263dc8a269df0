// wait steps: a countdown, a poll of a code block, or a poll of a check step's
// command named by until:, which is linked once every step is read.
import { describe, expect, it } from 'vitest';
import { readAnnotatedSection } from '../../../../../src/domain/runbook/annotated.js';
import { linkUntil, parseDuration } from '../../../../../src/domain/runbook/kinds/wait.js';
import type { StepMeta } from '../../../../../src/domain/runbook/step-meta.js';
import type { Step } from '../../../../../src/domain/runbook/types.js';
import { briefly, sectionOf, sectionsOf } from '../../../../helpers/runbook-text.js';

function read(text: string) {
  const { lines, section, out } = sectionOf(text);
  return { ...readAnnotatedSection(section, lines, out), problems: briefly(out) };
}

describe('durations', () => {
  it('are seconds, or s, m, h (with decimals), never zero', () => {
    expect(['90', '90s', '90 sec', '5m', '1.5min', '1h', '2H'].map(parseDuration)).toEqual([
      90, 90, 90, 300, 90, 3600, 7200,
    ]);
    expect(['', 'soon', '5d', '0', '-1', '0.1'].map(parseDuration)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('a wait step', () => {
  it('counts down seconds', () => {
    const { step, problems } = read('## Breathe\n<!-- step: b kind: wait seconds: 2m -->\n');
    expect(step).toEqual({
      id: 'b',
      title: 'Breathe',
      line: 1,
      kind: 'wait',
      seconds: 120,
      body: '',
    });
    expect(problems).toEqual([]);
  });

  it('polls its code block every interval (10s unless told) for at most seconds (300 unless told)', () => {
    const { step, meta } = read('## Up?\n<!-- step: u kind: wait -->\n```\ncurl -fsS x\n```\n');
    expect(step).toMatchObject({
      seconds: 300,
      intervalSeconds: 10,
      until: { argv: ['curl', '-fsS', 'x'] },
      body: '',
    });
    expect([...meta.commandLines.values()]).toEqual([3]);
    expect(
      read('## Up?\n<!-- step: u kind: wait seconds: 1m interval: 5s -->\n```\ncurl x\n```\n').step,
    ).toMatchObject({ seconds: 60, intervalSeconds: 5 });
  });

  it('reports bad durations, nothing to wait for, and until: beside a code block', () => {
    expect(
      read('## W\n<!-- step: w kind: wait seconds: soon interval: often -->\n').problems,
    ).toEqual([
      '2 error: seconds: "soon" is not a duration (90, 90s, 5m)',
      '2 error: interval: "often" is not a duration (10, 10s, 1m)',
    ]);
    // Past what a timer holds, a poll ran its check with no pause: a day at most.
    expect(
      read(
        '## W\n<!-- step: w kind: wait seconds: 99999999999999999999h interval: 25h -->\n```\nls\n```\n',
      ).problems,
    ).toEqual([
      '2 error: seconds: "99999999999999999999h" is longer than a step can wait (at most 24h)',
      '2 error: interval: "25h" is longer than a step can wait (at most 24h)',
    ]);
    expect(read('## W\n<!-- step: w kind: wait seconds: 24h -->\n').step).toMatchObject({
      seconds: 86_400,
    });
    expect(read('## W\n<!-- step: w kind: wait -->\n').problems).toEqual([
      '2 error: wait step "w" needs seconds: <n> to count down, until: <check step>, or a code block to poll',
    ]);
    const both = read('## W\n<!-- step: w kind: wait until: h -->\n```\nls\n```\n');
    expect(both.problems).toEqual(['3 error: wait step "w" has until: and a code block; keep one']);
    expect(both.step).toMatchObject({ intervalSeconds: 10, body: '```\nls\n```' });
    expect(both.meta.untilRef).toBe('h');
  });

  it('with until: polls the named check step, linked after reading, even when it comes later', () => {
    const { lines, sections, out } = sectionsOf(
      '## W\n<!-- step: w kind: wait until: h -->\n## H\n<!-- step: h kind: check -->\n```\ncurl x\n```\n## M\n<!-- step: m kind: wait until: nope -->\n',
    );
    const metas = new Map<Step, StepMeta>();
    for (const section of sections) {
      const { step, meta } = readAnnotatedSection(section, lines, out);
      metas.set(step, meta);
    }
    const steps = [...metas.keys()];
    linkUntil(steps, metas);
    expect(steps[0]).toMatchObject({ until: { argv: ['curl', 'x'] }, intervalSeconds: 10 });
    expect(steps[2]).not.toHaveProperty('until');
    expect(briefly(out)).toEqual([]);
  });
});
