// `oncall runbook suggest` on a walked incident: the commands typed by hand
// in the responder's shell, run with `oncall run` or edited in the walk, that
// the runbook does not have, proposed as steps in its own format (grouped by
// the step on the walk's screen when they were typed, values turned back into
// placeholders, checks and confirmed commands told apart), and written with
// --write so that the runbook still lints clean.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postmortemCommand } from '../../../../src/commands/postmortem/definition.js';
import { postmortem } from '../../../../src/commands/postmortem/postmortem.js';
import { runbookSuggestCommand } from '../../../../src/commands/runbook/definition.js';
import { runbookSuggest } from '../../../../src/commands/runbook/suggest.js';
import type { EventInput } from '../../../../src/domain/incident/events.js';
import { lintRunbook } from '../../../../src/domain/runbook/lint.js';
import { refOf } from '../../../../src/infra/store/incidents.js';
import { record } from '../../../../src/use-cases/journal/record.js';
import { startIncidentIn, type TestContext, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { ROOT } from '../../../helpers/paths.js';

const SECOND = 1000;
let run = 0;

/** A command typed in the responder's shell, and how it ended. */
function typed(line: string, exitCode: number, cwd = '/srv'): EventInput[] {
  run++;
  return [
    { type: 'command.started', runId: `t${run}`, argv: [line], shell: 'zsh', via: 'shell', cwd },
    { type: 'command.finished', runId: `t${run}`, exitCode, durationMs: 120, outputTail: '' },
  ];
}

/** The night, as the log has it: a walk of site-down-after-deploy and commands typed alongside. */
async function walkedNight(runbookFile: string, ctx: TestContext): Promise<string> {
  const id = await startIncidentIn(ctx, { label: ['namespace=web'] });
  const ref = refOf(ctx.home, id);
  const text = readFileSync(runbookFile, 'utf8');
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(text).digest('hex');
  const at = (...inputs: EventInput[]) => {
    ctx.clock.advance(30 * SECOND);
    record(ctx, ref, inputs);
  };
  at(...typed('kubectl -n web get events --sort-by=.lastTimestamp', 0)); // before the walk
  at({
    type: 'runbook.attached',
    runbook: { id: 'site-down-after-deploy', title: 'Site down', file: runbookFile, hash },
  });
  at(
    { type: 'step.started', stepId: 'acknowledge' },
    { type: 'step.completed', stepId: 'acknowledge' },
  );
  at(
    {
      type: 'step.answered',
      stepId: 'site-url',
      variable: 'base_url',
      value: 'https://shop.example.com',
    },
    { type: 'step.completed', stepId: 'site-url' },
  );
  at({ type: 'step.started', stepId: 'check-health' });
  at(...typed('curl -sS https://shop.example.com/api/orders?limit=1', 22));
  at(...typed('kubectl -n web get pods', 0));
  at(...typed('kubectl -n web get pods', 1));
  at(...typed('mysql -p[REDACTED] -e "select 1"', 1));
  at(...typed('kubctl get pods', 127));
  at({ type: 'step.completed', stepId: 'check-health' });
  // The runbook's own command, with the incident's values in it: the runbook has it.
  at(...typed('kubectl --namespace web rollout history deployment/web', 0));
  at(
    { type: 'step.completed', stepId: 'recent-deploys' },
    {
      type: 'step.decided',
      stepId: 'rollback-or-investigate',
      choice: 'The errors started right after a deploy',
      next: 'previous-version',
    },
  );
  // `oncall run` from another terminal, while the walk shows previous-version.
  at(
    {
      type: 'command.started',
      runId: 'r1',
      argv: ['kubectl', '-n', 'web', 'rollout', 'undo', 'deployment/web'],
      cwd: '/srv',
    },
    {
      type: 'command.finished',
      runId: 'r1',
      exitCode: 0,
      durationMs: 900,
      outputTail: 'rolled back',
    },
  );
  at(
    {
      type: 'step.answered',
      stepId: 'previous-version',
      variable: 'previous_version',
      value: '2024.06.11-3',
    },
    { type: 'step.completed', stepId: 'previous-version' },
    { type: 'step.started', stepId: 'rollback' },
  );
  const original =
    'kubectl --namespace web set image deployment/web web=registry.example.com/web:{{previous_version}}';
  at({
    type: 'command.edited',
    stepId: 'rollback',
    original,
    edited:
      'kubectl --namespace web set image deployment/web web=registry.example.com/web:2024.06.11-3 --record',
  });
  at(
    {
      type: 'command.started',
      runId: 'w1',
      argv: ['kubectl', 'set', 'image'],
      cwd: '/srv',
      stepId: 'rollback',
    },
    {
      type: 'command.finished',
      runId: 'w1',
      exitCode: 0,
      durationMs: 800,
      outputTail: '',
      stepId: 'rollback',
    },
    { type: 'step.completed', stepId: 'rollback' },
  );
  at({ type: 'walk.finished' });
  at(...typed('kubectl -n web logs deploy/web --since=10m | grep -c " 500 "', 1));
  return id;
}

/** A team's copy of the bundled runbook, in a runbooks folder of the project's config. */
function teamRunbook(ctx: TestContext): string {
  const file = join(ctx.dir, 'site-down-after-deploy.md');
  copyFileSync(join(ROOT, 'examples', 'runbooks', 'site-down-after-deploy.md'), file);
  writeFileSync(join(ctx.dir, 'oncall.config.yaml'), 'runbooks: [.]\n');
  return file;
}

describe('oncall runbook suggest', () => {
  it('proposes the hand-typed commands the runbook lacks, as its own steps, grouped and classified', async () => {
    const ctx = testContext();
    const file = teamRunbook(ctx);
    await walkedNight(file, ctx);
    await invoke(ctx, runbookSuggest, runbookSuggestCommand, { json: true });
    const plan = JSON.parse(ctx.stdout.take());
    expect(
      plan.suggestions.map((s: Record<string, unknown>) => [
        s.stepId,
        s.kind,
        s.command,
        s.uses,
        s.lastExit,
      ]),
    ).toEqual([
      ['check-health', 'check', 'curl -sS {{base_url}}/api/orders?limit=1', 1, 22],
      ['check-health', 'check', 'kubectl -n {{namespace}} get pods', 2, 1],
      ['previous-version', 'run', 'kubectl -n {{namespace}} rollout undo deployment/web', 1, 0],
      [
        'rollback',
        'run',
        'kubectl --namespace {{namespace}} set image deployment/web web=registry.example.com/web:{{previous_version}} --record',
        1,
        0,
      ],
      [null, 'check', 'kubectl -n {{namespace}} get events --sort-by=.lastTimestamp', 1, 0],
      [
        null,
        'check',
        'kubectl -n {{namespace}} logs deploy/web --since=10m | grep -c " 500 "',
        1,
        1,
      ],
    ]);
    expect(plan.leftOut).toEqual({ secret: 1, notFound: 1, inRunbook: 1 });

    await invoke(ctx, runbookSuggest, runbookSuggestCommand, {});
    const printed = ctx.stdout.take();
    expect(printed).toContain('6 commands typed by hand during');
    expect(printed).toContain(
      'After step "Check the health endpoint" (check-health), typed while it was on the walk\'s screen:',
    );
    expect(printed).toContain('<!-- step: kubectl-get-pods kind: check -->');
    expect(printed).toContain('<!-- step: kubectl-logs kind: check shell: bash -->');
    expect(printed).toContain(
      'Left out: 1 the runbook has, 1 holding a secret ([REDACTED] in the log), 1 not found (exit 127).',
    );
  });

  it('--write shows the diff, adds the steps, and the runbook lints clean; nothing is left to suggest', async () => {
    const ctx = testContext();
    const file = teamRunbook(ctx);
    const before = readFileSync(file, 'utf8');
    await walkedNight(file, ctx);
    await expect(
      invoke(ctx, runbookSuggest, runbookSuggestCommand, { write: true }),
    ).rejects.toThrow(
      '--write without a terminal needs --yes: the diff above is what would be written.',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(ctx.stdout.take()).toMatch(
      /^--- site-down-after-deploy\.md\n\+\+\+ site-down-after-deploy\.md\n@@ /,
    );

    await invoke(ctx, runbookSuggest, runbookSuggestCommand, { write: true, yes: true });
    expect(ctx.stdout.take()).toContain('Added 6 steps to ');
    const after = readFileSync(file, 'utf8');
    expect(lintRunbook(after, file)).toEqual([]);
    // Only lines were added, the namespace is asked for before its first use.
    const kept = after.split('\n').filter((line) => before.split('\n').includes(line));
    expect(kept.join('\n')).toContain(before.trim().split('\n').slice(0, 20).join('\n'));
    expect(after.indexOf('var: namespace')).toBeLessThan(
      after.indexOf('-n {{namespace}} get pods'),
    );

    await invoke(ctx, runbookSuggest, runbookSuggestCommand, {});
    expect(ctx.stdout.take()).toMatch(
      /^Nothing to suggest: Site down right after a deploy has every command typed by hand during /,
    );
  });

  it('writes plain Markdown as code blocks in the section they were typed during', async () => {
    const ctx = testContext();
    const file = join(ctx.dir, 'disk-full.md');
    copyFileSync(join(ROOT, 'examples', 'runbooks', 'disk-full.md'), file);
    const id = await startIncidentIn(ctx, { label: ['mountpoint=/var/lib/postgresql'] });
    const ref = refOf(ctx.home, id);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    record(ctx, ref, [
      { type: 'runbook.attached', runbook: { id: 'disk-full', title: 'Disk full', file, hash } },
      { type: 'step.completed', stepId: 'meaning' },
      { type: 'step.completed', stepId: 'impact' },
      { type: 'step.started', stepId: 'diagnosis' },
      ...typed('du -sh /var/lib/postgresql/* | sort -h | tail -5', 0),
      ...typed('df -h', 0),
    ]);
    const lintedBefore = lintRunbook(readFileSync(file, 'utf8'), file);
    await invoke(ctx, runbookSuggest, runbookSuggestCommand, {
      runbook: file,
      write: true,
      yes: true,
    });
    const after = readFileSync(file, 'utf8');
    const diagnosis = after.slice(after.indexOf('## Diagnosis'), after.indexOf('## Mitigation'));
    expect(diagnosis).toContain(
      `Typed by hand during ${id}: once, last exit 0.\n\n\`\`\`sh\ndu -sh <mountpoint>/* | sort -h | tail -5\n\`\`\`\n\n## Mitigation`.replace(
        '\n\n## Mitigation',
        '',
      ),
    );
    const problems = lintRunbook(after, file);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const fresh = problems.filter((p) => !lintedBefore.some((b) => b.message === p.message));
    expect(fresh.map((p) => p.message)).toEqual([
      '<mountpoint> is a placeholder: asked before the command runs',
    ]);
  });

  it('the postmortem draft names them, and the command that adds them', async () => {
    const ctx = testContext();
    const file = teamRunbook(ctx);
    const id = await walkedNight(file, ctx);
    await invoke(ctx, postmortem, postmortemCommand, {});
    const draft = readFileSync(join(ctx.home, 'incidents', id, 'postmortem.md'), 'utf8');
    const section = draft.slice(
      draft.indexOf('### Commands typed by hand that the runbook does not have'),
    );
    expect(section).toContain(
      '| `kubectl -n web get pods` | 2 | exit 1 | Check the health endpoint |',
    );
    expect(section).toContain(
      '| `kubectl -n web rollout undo deployment/web` | 1 | exit 0 | Which version do we go back to? |',
    );
    expect(section).not.toContain('rollout history');
    expect(section).toContain(
      '`oncall runbook suggest` proposes them as steps of Site down; `--write` adds them.',
    );
  });

  it("--write leaves a bundled example alone and says how to make it the team's", async () => {
    const ctx = testContext();
    const bundled = join(ROOT, 'examples', 'runbooks', 'site-down-after-deploy.md');
    const before = readFileSync(bundled, 'utf8');
    await walkedNight(bundled, ctx);
    await expect(
      invoke(ctx, runbookSuggest, runbookSuggestCommand, { write: true, yes: true }),
    ).rejects.toThrow(/is one of oncall's bundled examples: copy it into your runbooks folder/);
    expect(readFileSync(bundled, 'utf8')).toBe(before);
  });
});
