// `oncall sev` run in process: the change, its reason and the new cadence are
// printed and recorded; the same level again records nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sevCommand } from '../../../../src/commands/sev/definition.js';
import { sev } from '../../../../src/commands/sev/sev.js';
import { statusCommand } from '../../../../src/commands/status/definition.js';
import { status } from '../../../../src/commands/status/status.js';
import { UsageError } from '../../../../src/errors.js';
import { eventsOf, MINUTE, startIncidentIn, testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';

describe('sev', () => {
  it('raises the severity with a reason and brings the next update forward', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx); // SEV2 at 02:10: update due by 02:40
    ctx.clock.advance(10 * MINUTE);
    await invoke(ctx, sev, sevCommand, { level: 'sev1', reason: 'all regions now' });
    expect(ctx.stdout.take()).toBe(
      'Severity SEV2 → SEV1 (critical). Reason: all regions now\nNext status update due by 02:35.\n',
    );
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      type: 'severity.changed',
      from: 'SEV2',
      to: 'SEV1',
      reason: 'all regions now',
      ts: '2026-03-12T02:20:00.000Z',
      nextUpdateDue: '2026-03-12T02:35:00.000Z',
    });
  });

  it('lowering it keeps the sooner promise already made', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    ctx.clock.advance(10 * MINUTE);
    await invoke(ctx, sev, sevCommand, { level: 'SEV3' });
    expect(ctx.stdout.take()).toBe(
      'Severity SEV2 → SEV3 (minor).\nNext status update due by 02:40.\n',
    );
    expect(eventsOf(ctx).at(-1)).toMatchObject({
      to: 'SEV3',
      nextUpdateDue: '2026-03-12T02:40:00.000Z',
    });
    expect(eventsOf(ctx).at(-1)).not.toHaveProperty('reason');
  });

  it('the same level again says so and records nothing', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    const before = eventsOf(ctx).length;
    await invoke(ctx, sev, sevCommand, { level: 'SEV2' });
    expect(ctx.stdout.take()).toBe('Already SEV2; nothing recorded.\n');
    expect(eventsOf(ctx)).toHaveLength(before);
  });

  it('an unknown level is a UsageError (exit 2) naming the levels', async () => {
    const ctx = testContext();
    await startIncidentIn(ctx);
    const error = await invoke(ctx, sev, sevCommand, { level: 'SEV9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({
      exitCode: 2,
      message: '<level> SEV9: not a severity; use one of SEV1, SEV2, SEV3, SEV4',
    });
  });

  it('on a log written before events carried counters, a change made now is the one that stands', async () => {
    const ctx = testContext();
    const id = await startIncidentIn(ctx);
    ctx.clock.advance(5 * MINUTE);
    await invoke(ctx, sev, sevCommand, { level: 'SEV1' });
    // The same night as an older oncall wrote it (no counters), in a log this process never wrote to.
    const old = `${id}-old`;
    const legacy = eventsOf(ctx).map(({ lamport: _, ...e }) =>
      JSON.stringify({ ...e, incident: old }),
    );
    mkdirSync(join(ctx.home, 'incidents', old), { mode: 0o700 });
    writeFileSync(join(ctx.home, 'incidents', old, 'events.jsonl'), `${legacy.join('\n')}\n`, {
      mode: 0o600,
    });
    ctx.clock.advance(5 * MINUTE);
    await invoke(ctx, sev, sevCommand, { level: 'SEV3', incident: old });
    expect(eventsOf(ctx, old).at(-1)).toMatchObject({ to: 'SEV3', lamport: legacy.length + 1 });
    ctx.stdout.take();
    await invoke(ctx, status, statusCommand, { json: true, incident: old });
    expect(JSON.parse(ctx.stdout.take())).toMatchObject({ severity: 'SEV3' });
  });
});
