// Handing a shared incident from one laptop to another, in process: joining
// from a pick list, the handoff waiting on both laptops, and the incoming
// commander asked on their next command (on a terminal) whether to take over.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli.js';
import {
  startIncidentIn,
  type TestContext,
  teamContext,
  testContext,
} from '../../../helpers/context.js';
import { bareRepo } from '../../../helpers/share.js';

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
      const shown = await ok(ctx, 'status');
      // Every laptop says the same: alice commands, offered to Bob, not yet accepted.
      expect(shown).toContain('· commander alice@a');
      expect(shown).toContain(
        '! handoff offered to Bob Stone at 02:10, not yet accepted: Bob Stone runs `oncall handoff --accept`\n',
      );
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
    expect(JSON.parse(status).handoffOffered).toBeUndefined();
    // Without a terminal nothing is asked: alice is not asked about anything either way.
    expect(alice.prompter.asked).toEqual([]);
  }, 120_000);

  it('hands over to a responder on another laptop who is not in contacts, by user@host or user', async () => {
    const remote = bareRepo();
    const alice = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const id = await startIncidentIn(alice);
    await ok(alice, 'share', '--remote', remote);
    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    await ok(bob, 'join', id, '--remote', remote);
    await ok(alice, 'sync');

    // Not a responder, not a contact: refused with the usual words.
    expect(await runCli(argv('handoff', '--to', 'carol'), alice)).toBe(2);
    expect(alice.stderr.take()).toContain('--to carol: no such contact');

    await ok(alice, 'handoff', '--to', 'bob', '--note', 'db-1 next', '--no-send');
    await ok(alice, 'sync');
    await ok(bob, 'sync');
    expect(await ok(bob, 'status')).toContain(
      '! handoff offered to bob@b at 02:10, not yet accepted',
    );
    expect(await ok(bob, 'handoff', '--accept')).toContain('You are now incident commander');
    await ok(bob, 'sync');
    await ok(alice, 'sync');
    expect(JSON.parse(await ok(alice, 'status', '--json'))).toMatchObject({ commander: 'bob@b' });

    // Back by the full actor id: offered to alice, bob commands until she accepts.
    await ok(bob, 'handoff', '--to', 'alice@a', '--no-send');
    expect(JSON.parse(await ok(bob, 'status', '--json'))).toMatchObject({
      commander: 'bob@b',
      handoffOffered: { to: 'alice@a' },
    });
  }, 120_000);
});
