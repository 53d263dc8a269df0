// The walk's last words say the one next thing as the incident stands now: a
// walk finished after the incident was mitigated or resolved (from another
// terminal) does not send the responder to `oncall mitigate`. The walk runs in
// process, its one menu answered from a script.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../../helpers/context.js';
import { oncall } from '../../../helpers/in-process.js';

const RUNBOOK = `---
id: tiny
title: Look once
---

## Look at the dashboard
<!-- step: look kind: manual -->

Is the error rate falling?
`;

describe('the end of a walk', () => {
  it.each([
    [
      'still active',
      [],
      'Next: `oncall mitigate` when the impact stops, `oncall resolve` when it is over.',
    ],
    ['mitigated', [['mitigate']], 'Next: `oncall resolve` when it is over.'],
    ['resolved', [['resolve']], 'Next: `oncall postmortem` for the draft.'],
  ])('%s: says the next thing for it', async (_, milestones, next) => {
    const box = testContext({ interactive: true, answers: [{ ask: 'Next?', answer: 'do' }] });
    writeFileSync(join(box.cwd, 'tiny.md'), RUNBOOK);
    const opened = await oncall(box, [
      'start',
      ...['--runbook', 'tiny.md', '--title', 'Errors', '--sev', 'SEV3', '--no-input', '--no-walk'],
    ]);
    expect(opened.code, opened.stderr).toBe(0);
    for (const args of milestones) await oncall(box, args);
    const r = await oncall(box, ['resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(r.stdout).toContain('That was the last step of Look once.');
    expect(r.stdout.trim().split('\n').at(-1)).toBe(next);
  });
});
