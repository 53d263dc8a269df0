// Which of an incident's commands its runbook does not have, each once, with
// the step on the walk's screen when it was first used; and how they become
// steps: checks and confirmed commands, after their step, in the runbook's
// own format, with an ask step for a value no earlier step asks for.
import { describe, expect, it } from 'vitest';
import { handTypedCommands } from '../../../../src/domain/capture/hand-typed.js';
import { suggestSteps } from '../../../../src/domain/capture/suggest.js';
import { suggestionEdit } from '../../../../src/domain/capture/suggest-markdown.js';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { lintRunbook } from '../../../../src/domain/runbook/lint.js';
import { runbookFrom } from '../../../../src/domain/runbook/parse.js';
import { deriveWalk } from '../../../../src/domain/walk/machine.js';
import { event } from '../../../helpers/events.js';

const TEXT = `---
id: pods
title: Pods crash
---

## Look at the pods
<!-- step: look kind: check -->

\`\`\`sh
kubectl -n web get pods
\`\`\`

## Which namespace?
<!-- step: ns-step kind: ask var: ns prompt: "Namespace" -->

## Restart
<!-- step: restart kind: run -->

\`\`\`sh
kubectl -n {{ns}} rollout restart deployment/api
\`\`\`
`;
const runbook = runbookFrom(TEXT, '/rb/pods.md');

let minute = 0;
const at = () => `2026-03-12T02:${String(10 + minute++).padStart(2, '0')}:00.000Z`;
let n = 0;
function typed(line: string, exitCode: number | null, extra: Record<string, unknown> = {}) {
  n++;
  return [
    event('command.started', at(), {
      runId: `r${n}`,
      argv: [line],
      shell: 'bash',
      via: 'shell',
      cwd: '/',
      ...extra,
    }),
    ...(exitCode === null
      ? []
      : [
          event('command.finished', at(), {
            runId: `r${n}`,
            exitCode,
            durationMs: 5,
            outputTail: '',
          }),
        ]),
  ];
}

function night(): OncallEvent[] {
  return [
    event('incident.opened', at(), {
      title: 'Pods',
      severity: 'SEV2',
      labels: { 'k8s.cluster': 'prod-eu-1' },
    }),
    ...typed('kubectl --context prod-eu-1 get nodes', 0), // before the walk: no step
    event('runbook.attached', at(), {
      runbook: { id: 'pods', title: 'Pods crash', file: '/rb/pods.md', hash: runbook.hash },
    }),
    event('step.started', at(), { stepId: 'look' }),
    ...typed('kubectl -n web get pods', 0), // the runbook's own
    ...typed('kubectl -n web describe pod api-1', 1),
    ...typed('kubectl -n web describe pod api-1', 0),
    ...typed('cd /tmp', 0),
    ...typed('curl -u admin:[REDACTED] http://api/health', 0),
    ...typed('kubeclt get pods', 127),
    event('step.completed', at(), { stepId: 'look' }),
    event('step.answered', at(), { stepId: 'ns-step', variable: 'ns', value: 'web' }),
    event('step.completed', at(), { stepId: 'ns-step' }),
    event('command.edited', at(), {
      stepId: 'restart',
      original: 'kubectl -n web rollout restart deployment/api',
      edited: 'kubectl -n web rollout restart deployment/api-canary',
    }),
    ...typed('kubectl -n web rollout restart deployment/api-canary', 0, {
      stepId: 'restart',
      via: undefined,
    }),
    event('walk.finished', at()),
    ...typed('kubectl --context prod-eu-1 -n web delete pod api-1', null), // no exit code yet
  ];
}

describe("an incident's commands its runbook does not have", () => {
  it('each once, values as placeholders, with the step it was typed during', () => {
    const hand = handTypedCommands(night(), runbook, 'braces');
    expect(hand.commands.map((c) => [c.text, c.how, c.stepId, c.uses, c.lastExit])).toEqual([
      ['kubectl --context {{k8s-cluster}} get nodes', 'typed', undefined, 1, 0],
      ['kubectl -n {{ns}} describe pod api-1', 'typed', 'look', 2, 0],
      ['kubectl -n {{ns}} rollout restart deployment/api-canary', 'edited', 'restart', 1, 0],
      ['kubectl --context {{k8s-cluster}} -n {{ns}} delete pod api-1', 'typed', undefined, 1, null],
    ]);
    expect(hand.leftOut).toEqual({ secret: 1, notFound: 1, inRunbook: 1 });
  });

  it('each at the step the walk derives from the events before it, wherever it was typed', () => {
    const events = [
      event('incident.opened', at(), { title: 'Pods', severity: 'SEV2' }),
      event('runbook.attached', at(), {
        runbook: { id: 'pods', title: 'Pods crash', file: '/rb/pods.md', hash: runbook.hash },
      }),
      event('step.started', at(), { stepId: 'look' }),
      ...typed('uptime', 0),
      ...Array.from({ length: 30 }, (_, i) => event('note', at(), { text: `n${i}`, kind: 'note' })),
      event('step.completed', at(), { stepId: 'look' }),
      event('step.started', at(), { stepId: 'ns-step' }),
      ...typed('df -h', 0),
      event('step.answered', at(), { stepId: 'ns-step', variable: 'ns', value: 'web' }),
      event('step.completed', at(), { stepId: 'ns-step' }),
      ...typed('free -m', 0),
      event('walk.moved', at(), { from: 'restart', to: 'look' }),
      ...typed('top -bn1', 0),
      event('walk.finished', at()),
      ...typed('w', 0),
    ];
    const derived = (line: string) => {
      const i = events.findIndex((e) => e.type === 'command.started' && e.argv[0] === line);
      const walk = deriveWalk(runbook, events.slice(0, i));
      return walk.finished ? undefined : walk.current;
    };
    const hand = handTypedCommands(events, runbook, 'braces');
    const lines = ['uptime', 'df -h', 'free -m', 'top -bn1', 'w'];
    expect(hand.commands.map((c) => c.recorded)).toEqual(lines);
    expect(hand.commands.map((c) => c.stepId)).toEqual(lines.map(derived));
    // The walk moved under them: not every command at one step.
    expect(new Set(hand.commands.map((c) => c.stepId)).size).toBeGreaterThan(2);
  });

  it("without the runbook's file, every command, at the step last started", () => {
    const hand = handTypedCommands(night(), undefined, 'angle');
    expect(hand.commands.map((c) => [c.text, c.stepId])).toContainEqual([
      'kubectl -n <ns> get pods',
      'look',
    ]);
    expect(hand.commands[0]).toMatchObject({ text: 'kubectl --context <k8s-cluster> get nodes' });
    expect(hand.commands[0]?.stepId).toBeUndefined();
  });

  it('become checks and confirmed commands after their steps, and the runbook still lints clean', () => {
    const groups = suggestSteps(handTypedCommands(night(), runbook, 'braces').commands, runbook);
    expect(groups.map((g) => [g.stepId, g.suggestions.map((s) => s.kind)])).toEqual([
      ['look', ['check']],
      ['restart', ['run']],
      [undefined, ['check', 'run']],
    ]);
    const edit = suggestionEdit(TEXT, runbook, groups, 'inc-1');
    expect(edit.added).toBe(4);
    // {{ns}} is asked by a step after "look": the commands typed there get an ask step of their own.
    expect(edit.insertions[0]?.lines.slice(0, 3)).toEqual([
      '',
      '## Value of ns',
      '<!-- step: ask-ns kind: ask var: ns prompt: "ns" -->',
    ]);
    expect(lintRunbook(edit.text, '/rb/pods.md')).toEqual([]);
  });
});
