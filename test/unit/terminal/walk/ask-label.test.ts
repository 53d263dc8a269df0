// An ask step offers the alert's label of the same name as its answer's
// default (`--label namespace=web` for `var: namespace`), as a plain
// runbook's placeholder does: Enter takes it. (`oncall runbook suggest`
// writes such ask steps for the values a night's commands were typed with.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../../src/domain/config/schema.js';
import { loadRunbook } from '../../../../src/infra/runbooks/load.js';
import { appendEvents, makeEvent, readLog } from '../../../../src/infra/store/log.js';
import { WalkSession } from '../../../../src/terminal/walk/session.js';
import { doStep } from '../../../../src/terminal/walk/steps.js';
import { testContext } from '../../../helpers/context.js';

const RUNBOOK = `---
id: pods
title: Pods
---

## Which namespace?
<!-- step: ns kind: ask var: namespace prompt: "Namespace" -->
`;

describe('an ask step', () => {
  it("offers the alert's label of its name, taken with Enter", async () => {
    const ctx = testContext({ interactive: true, answers: [{ ask: 'Namespace', answer: '' }] });
    const file = join(ctx.dir, 'pods.md');
    writeFileSync(file, RUNBOOK);
    const runbook = loadRunbook(file);
    const log = join(ctx.dir, 'events.jsonl');
    const opened = makeEvent(
      {
        type: 'incident.opened',
        title: 'Pods down',
        severity: 'SEV2',
        labels: { namespace: 'web' },
      },
      { incident: 'inc', actor: 'alice@host', now: ctx.now() },
    );
    appendEvents(log, [opened], { create: true });
    const session = new WalkSession(
      ctx,
      { contacts: {} } as unknown as ResolvedConfig,
      { id: 'inc', dir: ctx.dir, file: log },
      runbook,
      { drill: false },
      chalk,
    );
    session.load();
    await doStep(session, runbook.steps[0] as (typeof runbook.steps)[number]);
    const answered = readLog(log).events.find((e) => e.type === 'step.answered');
    expect(answered).toMatchObject({ variable: 'namespace', value: 'web' });
  });
});
