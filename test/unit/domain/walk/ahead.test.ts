// What is left of a walk, from the runbook and the events alone (pure).
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../../src/domain/runbook/parse.js';
import { pathAhead, walkLeft } from '../../../../src/domain/walk/ahead.js';
import { deriveWalk } from '../../../../src/domain/walk/machine.js';
import { event } from '../../../helpers/events.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 2, minute)).toISOString();

/** Plain Markdown: each `## Heading` is a manual step, its id the heading's slug. */
function plain(count: number) {
  const text = Array.from({ length: count }, (_, i) => `## Step ${i + 1}\n\nDo it.\n`).join('\n');
  return parseRunbook(text, '/rb/plain.md').runbook;
}

const ids = (steps: { id: string }[]) => steps.map((s) => s.id);

describe('pathAhead / walkLeft', () => {
  it('lists from the current step on, at most `limit`, and counts the rest', () => {
    const runbook = plain(12);
    const walk = deriveWalk(runbook, [
      event('step.completed', at(1), { stepId: 'step-1' }),
      event('step.skipped', at(2), { stepId: 'step-2', reason: 'no access' }),
    ]);
    expect(ids(pathAhead(walk))).toEqual(runbook.steps.slice(2).map((s) => s.id));
    const left = walkLeft(walk, 8);
    expect(left.ahead.map((s) => s.n)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(left.ahead[0]).toEqual({ n: 3, id: 'step-3', title: 'Step 3', decide: false });
    expect(left.more).toBe(2);
    expect(left.total).toBe(12);
    expect(left.skipped).toEqual([{ stepId: 'step-2', title: 'Step 2', reason: 'no access' }]);
  });

  it('passes over steps already done after a jump back, and stops where the path loops', () => {
    const runbook = parseRunbook(
      [
        '## A\n<!-- step: a kind: manual -->\n',
        '## B\n<!-- step: b kind: manual -->\n',
        '## C\n<!-- step: c kind: manual next: a -->\n',
        '## D\n<!-- step: d kind: manual -->\n',
      ].join('\n'),
      '/rb/loop.md',
    ).runbook;
    const walk = deriveWalk(runbook, [
      event('step.completed', at(1), { stepId: 'a' }),
      event('step.completed', at(2), { stepId: 'b' }),
      event('walk.moved', at(3), { from: 'c', to: 'a', reason: 'jump' }),
    ]);
    // a is where the walk stands (listed though done), b is done, c leads back to a.
    expect(ids(pathAhead(walk))).toEqual(['a', 'c']);
  });

  it('a finished walk has nothing ahead; a decision made leads down its choice', () => {
    const runbook = parseRunbook(
      [
        '## Pick\n<!-- step: pick kind: decide -->\n\n- Left → left\n- Right → right\n',
        '## Left\n<!-- step: left kind: manual next: end -->\n',
        '## Right\n<!-- step: right kind: manual -->\n',
        '## End\n<!-- step: end kind: manual -->\n',
      ].join('\n'),
      '/rb/pick.md',
    ).runbook;
    expect(ids(pathAhead(deriveWalk(runbook, [])))).toEqual(['pick']);
    const decided = [
      event('step.decided', at(1), { stepId: 'pick', choice: 'Right', next: 'right' }),
    ];
    expect(ids(pathAhead(deriveWalk(runbook, decided)))).toEqual(['right', 'end']);
    const finished = [...decided, event('walk.finished', at(2))];
    expect(walkLeft(deriveWalk(runbook, finished))).toMatchObject({ finished: true, ahead: [] });
  });
});
