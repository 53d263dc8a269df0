// Handing a shared incident from one laptop to another, in process: joining
// from a pick list, the handoff waiting on both laptops, and the incoming
// commander asked on their next command (on a terminal) whether to take over.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { startIncidentIn, type TestContext, teamContext } from '../../helpers/context.js';
import { bareRepo } from '../../helpers/share.js';

const argv = (...args: string[]) => ['node', 'oncall', ...args];

async function ok(ctx: TestContext, ...args: string[]): Promise<string> {
  const code = await runCli(argv(...args), ctx);
  expect(code, ctx.stderr.text).toBe(0);
  return ctx.stdout.take();
}

describe('a handoff between laptops', () => {
  it('waits for the incoming commander, who is asked on their next command', async () => {
    const remote = bareRepo();
    const alice = teamContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const id = await startIncidentIn(alice);
    await ok(alice, 'share', '--remote', remote);

    const bob = teamContext({
      env: { ONCALL_ACTOR: 'bob@b' },
      interactive: true,
      answers: [
        { ask: 'Which incident do you join?', answer: id },
        { ask: /^alice@a handed .* to you at 02:10 \(“db-1 next”\)\. Take over/, answer: false },
        { ask: /^alice@a handed .* to you at 02:10/, answer: true },
      ],
    });
    expect(await ok(bob, 'join', '--remote', remote)).toContain(`Joined ${id}`);
    expect(bob.prompter.asked[0]?.choices).toEqual([id]);

    await ok(alice, 'handoff', '--to', 'bob', '--note', 'db-1 next');
    await ok(alice, 'sync');
    await ok(bob, 'sync');
    for (const ctx of [alice, bob]) {
      expect(await ok(ctx, 'status')).toContain('! handoff to Bob Stone not yet accepted');
    }
    // Bob said no the first time (status above); the next command asks again.
    const timeline = await ok(bob, 'timeline');
    expect(timeline).toContain('You are now incident commander');
    expect(timeline).toContain('accepted the handoff');
    expect(bob.prompter.unanswered).toEqual([]);

    await ok(bob, 'sync');
    await ok(alice, 'sync');
    const status = await ok(alice, 'status', '--json');
    expect(JSON.parse(status)).toMatchObject({ commander: 'bob', share: { notYetShared: 0 } });
    expect(JSON.parse(status).pendingHandoff).toBeUndefined();
    // Without a terminal nothing is asked: alice is not asked about anything either way.
    expect(alice.prompter.asked).toEqual([]);
  }, 120_000);
});
