import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../../src/domain/incident/events.js';
import { appendEvents, makeEvent } from '../../../../src/infra/store/log.js';
import {
  type Box,
  logPath,
  oncall,
  onlyIncidentId,
  readEvents,
  startIncident,
  terminal,
  wordsIncident,
  wordsSandbox,
} from '../../../helpers/in-process.js';
import { FIXTURES } from '../../../helpers/paths.js';
import { expectUsageError } from '../../../helpers/words.js';

describe('oncall handoff', () => {
  it('prints the handoff with what is unresolved and records the change of commander', async () => {
    const box = await wordsIncident();
    await oncall(box, ['note', '--hypothesis', 'a noisy neighbour on node-7']);
    await oncall(box, ['update', 'Still investigating; next step is draining node-7.']);
    const r = await oncall(box, [
      'handoff',
      '--to',
      'carol',
      '--note',
      'Node-7 drain is half done',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# Handoff: Checkout returns 500');
    // Offered, not taken: one truth until Carol accepts.
    expect(r.stdout).toContain(
      '**Offered to Carol Diaz (payments lead) at 02:10, not yet accepted.** Alice Chen stays incident commander until Carol Diaz accepts.',
    );
    expect(r.stdout).toContain('- Alice Chen: incident commander');
    expect(r.stdout).toContain('- Carol Diaz: handoff offered at 02:10, not yet accepted');
    expect(r.stdout).not.toContain('is now incident commander');
    expect(r.stdout).not.toMatch(/`oncall /);
    expect(r.stdout).toContain('> Node-7 drain is half done');
    expect(r.stdout).toContain('- Impact is ongoing: no mitigation recorded yet');
    expect(r.stdout).toContain('- [ ] Confirm or rule out: a noisy neighbour on node-7');
    expect(r.stdout).toMatch(/- \[ \] Send the next status update by \d\d:\d\d/);
    expect(r.stderr).toContain(
      'Handoff offered to Carol Diaz; they become incident commander when they accept it',
    );
    expect(r.stderr).not.toContain('is now incident commander');
    expect(readEvents(box).at(-1)).toMatchObject({
      type: 'handoff',
      from: 'alice@host',
      to: 'carol',
      toName: 'Carol Diaz',
      note: 'Node-7 drain is half done',
    });
  });

  it('until the handoff is accepted, every text says who commands and to whom it is offered', async () => {
    const box = await wordsIncident();
    expect((await oncall(box, ['handoff', '--to', 'carol', '--no-send'])).code).toBe(0);
    const update = await oncall(box, ['update', 'Draining node-7', '--no-post']);
    expect(update.stdout).toContain(
      'incident commander: Alice Chen (handoff to Carol Diaz not yet accepted)',
    );
    const escalation = await oncall(box, ['escalate', '--to', 'bob', '--ask', 'x', '--no-send']);
    expect(escalation.stdout).toContain('IC Alice Chen (handoff to Carol Diaz not yet accepted)');
    const long = await oncall(box, [
      'escalate',
      '--to',
      'bob',
      '--ask',
      'x',
      '--no-send',
      '--long',
    ]);
    expect(long.stdout).toContain('- Alice Chen: incident commander');
    expect(long.stdout).toMatch(/- Carol Diaz: handoff offered at \d\d:\d\d, not yet accepted/);
    const timeline = await oncall(box, ['timeline']);
    expect(timeline.stdout).toContain('offered the handoff to Carol Diaz (recorded, not sent)');
  });

  it('the next handoff starts from the new commander, once they accepted', async () => {
    const box = await wordsIncident();
    expect((await oncall(box, ['handoff', '--to', 'bob'])).code).toBe(0);
    // Offered again before bob accepted: alice still commands, and may.
    const again = await oncall(box, ['handoff', '--to', 'bob']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Alice Chen stays incident commander until Bob Stone accepts.');
    const accepted = await oncall(terminal(box, { ONCALL_ACTOR: 'bob@desk' }), [
      'handoff',
      '--accept',
    ]);
    expect(accepted.stdout).toContain('You are now incident commander');
    expectUsageError(
      await oncall(box, ['handoff', '--to', 'bob']),
      'Bob Stone is already the incident commander',
    );
    const r = await oncall(box, ['handoff', '--to', 'carol']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Bob Stone stays incident commander until Carol Diaz accepts.');
    expect(readEvents(box).at(-1)).toMatchObject({ type: 'handoff', from: 'bob', to: 'carol' });
  });

  it('handing to yourself or to nobody is a usage error', async () => {
    const box = await wordsIncident();
    expectUsageError(
      await oncall(box, ['handoff', '--to', 'alice']),
      'already the incident commander',
    );
    expectUsageError(
      await oncall(box, ['handoff']),
      'missing --to <who>: name one person. Known: alice, bob, carol.',
    );
  });
});

describe('oncall handoff --out', () => {
  it('an unwritable --out fails before the handoff is recorded', async () => {
    const box = await wordsIncident();
    const before = readEvents(box).length;
    expectUsageError(
      await oncall(box, ['handoff', '--to', 'bob', '--out', 'no/such/dir/h.md']),
      '--out no/such/dir/h.md: cannot write',
    );
    expect(readEvents(box)).toHaveLength(before);
  });
});

const RUNBOOK = join(FIXTURES, 'runbooks', 'web-errors.md');

/** Appends what a walk at a terminal records (the walk itself needs a TTY). */
function walked(box: Box, inputs: EventInput[]): void {
  const now = box.now();
  const events = inputs.map((input) =>
    makeEvent(input, { incident: onlyIncidentId(box), actor: 'alice@host', now }),
  );
  appendEvents(logPath(box), events);
}

describe('oncall handoff with a runbook attached', () => {
  /** The fixture runbook copied into the sandbox, attached, acknowledged, the dashboard skipped. */
  async function midWalk() {
    const box = wordsSandbox();
    const file = join(box.dir, 'web-errors.md');
    copyFileSync(RUNBOOK, file);
    await startIncident(box, ['--runbook', file, '--no-walk']); // the last --runbook wins
    expect(readEvents(box).some((e) => e.type === 'runbook.attached')).toBe(true);
    walked(box, [
      { type: 'step.started', stepId: 'ack' },
      { type: 'step.completed', stepId: 'ack' },
      { type: 'step.started', stepId: 'dashboards' },
      { type: 'step.skipped', stepId: 'dashboards', reason: 'Grafana is down too' },
      { type: 'step.started', stepId: 'recent-deploys' },
    ]);
    return { box, file };
  }

  it('lists the steps still to do up to the decision, and the skipped ones as unresolved', async () => {
    const { box } = await midWalk();
    const r = await oncall(box, ['handoff', '--to', 'bob']);
    expect(r.code, r.stderr).toBe(0);
    const tasks = r.stdout.split('## Open tasks\n')[1]?.split('\n\n')[0] ?? '';
    expect(tasks).toContain(
      [
        '- [ ] Continue the runbook web-errors at step 3 of 8',
        '- [ ] Step 3: List the deploys of the last hour (`recent-deploys`)',
        '- [ ] Step 4: Roll back the last deploy (`rollback`)',
        '- [ ] Step 5: Watch the error rate (`watch`)',
        '- [ ] Step 6: decide: Did the rollback help? (`helped`)',
      ].join('\n'),
    );
    // What follows the decision depends on it: not listed yet.
    expect(tasks).not.toContain('page-db');
    expect(tasks).not.toContain('close');
    expect(r.stdout).toContain(
      '- Skipped runbook step dashboards (Look at the error dashboard): Grafana is down too',
    );
  });

  it('after the decision, the path it chose; a runbook that no longer loads falls back to the log', async () => {
    const { box, file } = await midWalk();
    walked(box, [
      { type: 'step.completed', stepId: 'recent-deploys' },
      { type: 'step.completed', stepId: 'rollback' },
      { type: 'step.completed', stepId: 'watch' },
      { type: 'step.decided', stepId: 'helped', choice: 'No', next: 'page-db' },
    ]);
    const r = await oncall(box, ['handoff', '--to', 'bob']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('- [ ] Continue the runbook web-errors at step 7 of 8');
    expect(r.stdout).toContain('- [ ] Step 7: Page the database on-call (`page-db`)');
    expect(r.stdout).toContain('- [ ] Step 8: Close out (`close`)');

    writeFileSync(file, '---\nid: [broken\n---\n');
    const after = await oncall(box, ['handoff', '--to', 'carol']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('- [ ] Continue the runbook web-errors\n');
    expect(after.stdout).not.toContain('Step 7:');
    expect(after.stdout).toContain('- Skipped runbook step dashboards: Grafana is down too');
  });
});
