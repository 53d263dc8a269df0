// Signed events, for teams that want authorship promised: with share.signing,
// every commit is signed with git's own SSH signing and a peer's file is
// vouched for only when an allowed signer (by actor) signed every commit of
// it. `oncall doctor` checks the set-up with a test signature.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../../src/commands/doctor/definition.js';
import { doctor } from '../../../../src/commands/doctor/doctor.js';
import { noteCommand } from '../../../../src/commands/note/definition.js';
import { note } from '../../../../src/commands/note/note.js';
import {
  joinCommand,
  shareCommand,
  syncCommand,
} from '../../../../src/commands/share/definition.js';
import { join as joinIncident } from '../../../../src/commands/share/join.js';
import { share } from '../../../../src/commands/share/share.js';
import { sync } from '../../../../src/commands/share/sync.js';
import { timelineCommand } from '../../../../src/commands/timeline/definition.js';
import { timeline } from '../../../../src/commands/timeline/timeline.js';
import { startIncidentIn, type TestContext, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { bareRepo } from '../../../helpers/share.js';

const keys = mkdtempSync(join(tmpdir(), 'oncall-keys-'));

/** An ssh key pair for `who`; its public half as an allowed-signers line for `actor`. */
function keyFor(who: string, actor: string): { key: string; allowed: string } {
  const key = join(keys, who);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', actor, '-f', key]);
  const pub = execFileSync('cut', ['-d', ' ', '-f', '1,2', `${key}.pub`], {
    encoding: 'utf8',
  }).trim();
  return { key, allowed: `${actor} ${pub}` };
}

const alice = keyFor('alice', 'alice@a');
const bob = keyFor('bob', 'bob@b');
// The team lists alice only: bob's key is not (yet) in the list.
const allowed = join(keys, 'allowed_signers');
writeFileSync(allowed, `${alice.allowed}\n`);

function laptop(actor: string, remote: string, key?: string): TestContext {
  const signing = key ? `  signing:\n    allowedSigners: ${allowed}\n    key: ${key}\n` : '';
  return testContext({
    env: { ONCALL_ACTOR: actor },
    config: `share:\n  remote: ${remote}\n${signing}`,
  });
}

async function out(ctx: TestContext, run: () => Promise<void>): Promise<string> {
  ctx.stdout.take();
  ctx.stderr.take();
  await run().catch(() => undefined);
  return ctx.stdout.take();
}

describe('share.signing', () => {
  it("vouches for a peer's file only when an allowed signer signed it; doctor checks the set-up", async () => {
    const remote = bareRepo();
    const a = laptop('alice@a', remote, alice.key);
    const b = laptop('bob@b', remote, bob.key);
    const m = laptop('mallory@m', remote);
    const id = await startIncidentIn(a);
    await invoke(a, share, shareCommand, {});
    await invoke(b, joinIncident, joinCommand, { id });
    await invoke(m, joinIncident, joinCommand, { id });
    await invoke(b, note, noteCommand, { text: ['signed by a key nobody listed'] });
    await invoke(m, note, noteCommand, { text: ['not signed at all'] });
    for (const ctx of [b, m, a, b]) await invoke(ctx, sync, syncCommand, {});

    const seenByAlice = await out(a, () => invoke(a, timeline, timelineCommand, {}));
    expect(seenByAlice).toContain(
      "note: signed by a key nobody listed [unverified: bob@b's file is not signed by an allowed signer]",
    );
    expect(seenByAlice).toContain(
      "note: not signed at all [unverified: mallory@m's file is not signed",
    );
    const seenByBob = await out(b, () => invoke(b, timeline, timelineCommand, {}));
    expect(seenByBob).toMatch(/alice@a +incident declared at SEV2: Checkout returns 500\n/);

    const aliceDoctor = JSON.parse(
      await out(a, () => invoke(a, doctor, doctorCommand, { json: true })),
    );
    const aliceSays = aliceDoctor.checks.map((c: { what: string }) => c.what).join('\n');
    expect(aliceSays).toContain(
      `share signing (ssh): your commits are signed and verify as alice@a against ${allowed}`,
    );
    const bobDoctor = JSON.parse(
      await out(b, () => invoke(b, doctor, doctorCommand, { json: true })),
    );
    const failed = bobDoctor.checks.filter((c: { verdict: string }) => c.verdict === 'fail');
    expect(failed.map((c: { what: string }) => c.what).join('\n')).toContain(
      `share signing: ${allowed} does not list you (bob@b)`,
    );
    const mDoctor = JSON.parse(
      await out(m, () => invoke(m, doctor, doctorCommand, { json: true })),
    );
    expect(mDoctor.checks.map((c: { what: string }) => c.what).join('\n')).toContain(
      'events are not signed',
    );
  }, 120_000);
});
