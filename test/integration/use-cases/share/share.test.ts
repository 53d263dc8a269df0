// `oncall share`, `join` and `sync` in process: the mistakes a responder can
// make with them, each a one-line usage error that changes nothing.
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  joinCommand,
  shareCommand,
  syncCommand,
} from '../../../../src/commands/share/definition.js';
import { join } from '../../../../src/commands/share/join.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { UsageError } from '../../../../src/errors.js';
import { startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo } from '../../../helpers/share.js';

async function usageError(run: Promise<void>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

describe('sharing mistakes', () => {
  it('two different incidents with one id are never mixed', async () => {
    const remote = bareRepo();
    // Alice and Dave open "Checkout returns 500" in the same minute, on two laptops.
    const alice = testContext({ env: { ONCALL_ACTOR: 'alice@a' } });
    const dave = testContext({ env: { ONCALL_ACTOR: 'dave@d' } });
    const id = await startIncidentIn(alice);
    expect(await startIncidentIn(dave)).toBe(id);
    await invoke(alice, share, shareCommand, { remote });
    const log = readFileSync(joinPath(dave.home, 'incidents', id, 'events.jsonl'), 'utf8');
    expect(await usageError(invoke(dave, share, shareCommand, { remote }))).toContain(
      `already holds a different incident with the id ${id} (alice@a, "Checkout returns 500")`,
    );
    expect(await usageError(invoke(dave, join, joinCommand, { id, remote }))).toContain(
      'this laptop has its own incident by that id',
    );
    expect(readFileSync(joinPath(dave.home, 'incidents', id, 'events.jsonl'), 'utf8')).toBe(log);
  }, 60_000);

  it('join: an unknown id, no id without a terminal, an empty remote', async () => {
    const remote = bareRepo();
    const bob = testContext({ env: { ONCALL_ACTOR: 'bob@b' } });
    expect(await usageError(invoke(bob, join, joinCommand, { remote }))).toBe(
      `${remote} holds no incidents yet: \`oncall share\` publishes one.`,
    );
    const alice = testContext();
    const id = await startIncidentIn(alice);
    await invoke(alice, share, shareCommand, { remote });
    expect(await usageError(invoke(bob, join, joinCommand, { remote }))).toBe(
      `which incident? Pass its id: oncall join <id>. ${remote} holds: ${id}.`,
    );
    expect(await usageError(invoke(bob, join, joinCommand, { id: 'nope', remote }))).toBe(
      `${remote} holds no incident nope; it holds: ${id}.`,
    );
    // Part of the id is enough when only one matches.
    await invoke(bob, join, joinCommand, { id: 'checkout', remote });
    expect(bob.stdout.take()).toContain(`Joined ${id}`);
  }, 60_000);

  it('sync before share, share without a remote', async () => {
    const ctx = testContext();
    const id = await startIncidentIn(ctx);
    expect(await usageError(invoke(ctx, sync, syncCommand, {}))).toBe(
      `${id} is not shared yet: \`oncall share\` publishes it.`,
    );
    expect(await usageError(invoke(ctx, share, shareCommand, {}))).toContain(
      'no share remote: set `share: { remote: <git url or path> }` in the config',
    );
  });
});
